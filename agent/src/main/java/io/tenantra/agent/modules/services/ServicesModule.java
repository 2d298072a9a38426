package io.tenantra.agent.modules.services;

import io.tenantra.agent.modules.Attrs;
import io.tenantra.agent.modules.CommandResult;
import io.tenantra.agent.modules.FileMeta;
import io.tenantra.agent.modules.ModuleContext;
import io.tenantra.agent.modules.ModuleJson;
import io.tenantra.agent.modules.ResultBuilder;
import io.tenantra.agent.modules.ScanModule;
import io.tenantra.model.ModuleResult;
import io.tenantra.model.OsFamily;
import io.tenantra.model.Severity;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * systemd services and sockets (unit file, ExecStart, user, enablement, and the runtime state
 * when systemd is running) and SysV init scripts, with the package that installed each where
 * dpkg can tell.
 */
public final class ServicesModule implements ScanModule {

    public static final String NAME = "services";
    static final List<String> OWNED_PREFIXES =
            List.of("/lib/systemd/", "/usr/lib/systemd/", "/etc/systemd/", "/etc/init.d/");
    private static final Set<String> RISKY =
            Set.of("telnet", "rsh", "rlogin", "rexec", "tftp", "xinetd", "inetd", "vsftpd", "rsync");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String version() {
        return "1";
    }

    @Override
    public String description() {
        return "systemd services and sockets with ExecStart and state, SysV init scripts";
    }

    @Override
    public Set<OsFamily> supportedOs() {
        return Set.of(OsFamily.LINUX);
    }

    @Override
    public Duration timeLimit() {
        return Duration.ofSeconds(30);
    }

    record Runtime(String load, String active, String sub) {}

    @Override
    public ModuleResult collect(ModuleContext ctx) throws Exception {
        ResultBuilder out = ctx.result();
        SystemdUnits units = SystemdUnits.load(ctx, List.of(".service", ".socket"));
        Map<String, Runtime> runtime = runtime(ctx);
        Map<String, String> unitFileStates = unitFileStates(ctx);
        PackageOwners owners = PackageOwners.load(ctx.files(), OWNED_PREFIXES);
        for (SystemdUnits.Unit unit : units.units().values()) {
            ctx.checkCancelled();
            UnitFile f = unit.file();
            String section = unit.name().endsWith(".socket") ? "Socket" : "Service";
            List<String> exec = f.all("Service", "ExecStart");
            Runtime rt = runtime.get(unit.name());
            String owner = owners.owner(unit.path());
            String key = unit.name();
            out.item(
                    "systemd_unit",
                    key,
                    Attrs.of()
                            .put("unitFile", unit.path())
                            .put("description", f.last("Unit", "Description"))
                            .put(
                                    "type",
                                    section.equals("Socket")
                                            ? "socket"
                                            : f.last("Service", "Type") == null ? "simple" : f.last("Service", "Type"))
                            .putList("execStart", exec)
                            .putList("listen", section.equals("Socket") ? listen(f) : null)
                            .put("user", f.last("Service", "User"))
                            .put("enabledState", unitFileStates.getOrDefault(unit.name(), unit.enabled()))
                            .putList("wantedBy", units.wantedBy(unit.name()))
                            .putList("dropIns", unit.dropIns().isEmpty() ? null : unit.dropIns())
                            .put("loadState", rt == null ? null : rt.load())
                            .put("activeState", rt == null ? null : rt.active())
                            .put("subState", rt == null ? null : rt.sub())
                            .put("package", owner)
                            .put("template", unit.name().contains("@.") ? true : null));
            risks(ctx, unit, key, exec, owners, owner, unitFileStates.getOrDefault(unit.name(), unit.enabled()));
        }
        SysvScripts.collect(ctx, owners, units);
        return out.build(this);
    }

    private static List<String> listen(UnitFile f) {
        return java.util.stream.Stream.of(
                        "ListenStream", "ListenDatagram", "ListenSequentialPacket", "ListenFIFO", "ListenNetlink")
                .flatMap(k -> f.all("Socket", k).stream())
                .toList();
    }

    private static void risks(
            ModuleContext ctx,
            SystemdUnits.Unit unit,
            String key,
            List<String> exec,
            PackageOwners owners,
            String owner,
            String enabled) {
        ResultBuilder out = ctx.result();
        FileMeta meta = unit.meta();
        if (meta != null && (meta.worldWritable() || meta.groupWritable()) && meta.isFile()) {
            out.risk(
                    Severity.HIGH,
                    "services.unit_writable",
                    "systemd_unit",
                    key,
                    "unit file " + unit.path() + " is group- or world-writable (" + meta.modeString() + ")");
        }
        for (String line : exec) {
            String program = UnitFile.program(line);
            if (!program.startsWith("/")) {
                continue;
            }
            var target = ctx.files().stat(program);
            if (target.isEmpty()) {
                if (enabled.equals("enabled")) {
                    out.risk(
                            Severity.LOW,
                            "services.exec_missing",
                            "systemd_unit",
                            key,
                            "ExecStart program " + program + " does not exist");
                }
            } else if (target.get().worldWritable() || target.get().groupWritable()) {
                out.risk(
                        Severity.HIGH,
                        "services.exec_writable",
                        "systemd_unit",
                        key,
                        "ExecStart program " + program + " is group- or world-writable");
            }
        }
        String base = unit.name().replaceAll("[@.].*$", "").toLowerCase(java.util.Locale.ROOT);
        if (RISKY.contains(base) && (enabled.equals("enabled") || enabled.equals("static"))) {
            out.risk(
                    Severity.MEDIUM,
                    "services.risky_service",
                    "systemd_unit",
                    key,
                    base + " offers clear-text or unauthenticated access");
        }
        if (owners.available() && owner == null && !unit.masked()) {
            out.risk(
                    Severity.INFO,
                    "services.unpackaged",
                    "systemd_unit",
                    key,
                    "unit file not installed by any package");
        }
    }

    /**
     * Runtime state from {@code systemctl list-units --all --output=json}. Where systemd is not
     * PID 1 (containers) there is no runtime state: a fact, not a failure.
     */
    private static Map<String, Runtime> runtime(ModuleContext ctx) {
        Map<String, Runtime> states = new HashMap<>();
        CommandResult result = ctx.commands().run("systemctl", "list-units", "--all", "--output=json", "--no-pager");
        if (result.notFound()) {
            ctx.result().message("systemctl not installed: runtime unit states unknown");
            return states;
        }
        if (!result.succeeded()) {
            String why = (result.stderr() + result.stdout()).toLowerCase(java.util.Locale.ROOT);
            if (why.contains("not been booted with systemd") || why.contains("failed to connect to bus")) {
                ctx.result().message("systemd is not running on this host: runtime unit states unknown");
            } else {
                ctx.result().partial("systemctl list-units failed: " + result.failure());
            }
            return states;
        }
        try {
            JsonNode array = ModuleJson.mapper().readTree(result.stdout());
            for (JsonNode unit : array) {
                states.put(
                        unit.path("unit").asString(),
                        new Runtime(
                                unit.path("load").asString(null),
                                unit.path("active").asString(null),
                                unit.path("sub").asString(null)));
            }
        } catch (RuntimeException e) {
            ctx.result().partial("systemctl list-units output is not the expected JSON");
        }
        return states;
    }

    /** Enablement as systemd itself computes it; works without a running systemd. */
    private static Map<String, String> unitFileStates(ModuleContext ctx) {
        Map<String, String> states = new HashMap<>();
        CommandResult result = ctx.commands().run("systemctl", "list-unit-files", "--no-legend", "--no-pager");
        if (!result.succeeded()) {
            if (!result.notFound()) {
                ctx.result()
                        .skip("systemctl list-unit-files failed (" + result.failure()
                                + "); enablement derived from .wants links");
            }
            return states;
        }
        for (String line : result.stdout().split("\n")) {
            String[] f = line.strip().split("\\s+");
            if (f.length >= 2 && f[0].contains(".")) {
                states.put(f[0], f[1]);
            }
        }
        return states;
    }
}
