package io.tenantra.agent.modules.packages;

import io.tenantra.agent.modules.Attrs;
import io.tenantra.agent.modules.CommandResult;
import io.tenantra.agent.modules.ModuleContext;
import io.tenantra.agent.modules.ResultBuilder;
import io.tenantra.agent.modules.ScanModule;
import io.tenantra.agent.modules.TextFile;
import io.tenantra.model.ModuleResult;
import io.tenantra.model.OsFamily;
import io.tenantra.model.Severity;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Installed software: dpkg (status file), rpm ({@code rpm -qa} output), apk (installed database)
 * and, on macOS, Homebrew cellars. Item key {@code <source>:<name>:<arch>} because multi-arch
 * hosts install the same package name for several architectures.
 */
public final class PackagesModule implements ScanModule {

    public static final String NAME = "packages";
    static final String RPM_FORMAT = "%{NAME}\\t%{EPOCH}\\t%{VERSION}\\t%{RELEASE}\\t%{ARCH}\\t%{VENDOR}\\n";

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
        return "installed packages from dpkg, rpm, apk and Homebrew";
    }

    @Override
    public Set<OsFamily> supportedOs() {
        return Set.of(OsFamily.LINUX, OsFamily.MACOS);
    }

    @Override
    public Duration timeLimit() {
        return Duration.ofSeconds(30);
    }

    @Override
    public long maxOutputBytes() {
        return 16L * 1024 * 1024;
    }

    @Override
    public ModuleResult collect(ModuleContext ctx) throws Exception {
        ResultBuilder out = ctx.result();
        int sources = 0;
        if (ctx.os() == OsFamily.MACOS) {
            sources += Homebrew.collect(ctx);
        } else {
            sources += dpkg(ctx);
            sources += rpm(ctx);
            sources += apk(ctx);
        }
        if (sources == 0) {
            out.message("no package database found (dpkg, rpm, apk, Homebrew)");
        }
        return out.build(this);
    }

    private int dpkg(ModuleContext ctx) throws InterruptedException {
        String status = "/var/lib/dpkg/status";
        if (!ctx.files().exists(status) && !ctx.files().lstat(status).isPresent()) {
            return 0;
        }
        DpkgStatusParser parser = new DpkgStatusParser();
        TextFile read = ctx.files().forEachLine(status, dbCap(ctx), parser::line);
        parser.finish();
        ResultBuilder out = ctx.result();
        out.note(read);
        for (Map<String, String> stanza : parser.stanzas()) {
            String name = stanza.get("Package");
            if (name == null || name.isBlank()) {
                out.skip("dpkg status: stanza without Package field ignored");
                continue;
            }
            String[] state = stanza.getOrDefault("Status", "").split("\\s+");
            String current = state.length == 3 ? state[2] : "unknown";
            if (current.equals("not-installed") || current.equals("config-files")) {
                continue; // removed packages that only left configuration behind
            }
            String arch = stanza.getOrDefault("Architecture", "unknown");
            String key = "dpkg:" + name + ":" + arch;
            out.item(
                    "package",
                    key,
                    Attrs.of()
                            .put("manager", "dpkg")
                            .put("name", name)
                            .put("version", stanza.get("Version"))
                            .put("architecture", arch)
                            .put("sourcePackage", sourceName(stanza.get("Source")))
                            .put("state", current)
                            .put("essential", "yes".equals(stanza.get("Essential")) ? true : null));
            if (!current.equals("installed")) {
                out.risk(
                        Severity.LOW,
                        "packages.broken_state",
                        "package",
                        key,
                        "dpkg reports the package as " + current + ": an install or removal did not finish");
            }
        }
        return 1;
    }

    /** {@code Source: foo (1.2-3)} names the source package, optionally with its version. */
    private static String sourceName(String source) {
        if (source == null) {
            return null;
        }
        int paren = source.indexOf(' ');
        return paren > 0 ? source.substring(0, paren) : source.strip();
    }

    /** Package databases are streamed, so they may be far larger than an ordinary file (256 MiB by default). */
    private static long dbCap(ModuleContext ctx) {
        return ctx.limits().maxFileBytes() * 16;
    }

    private int rpm(ModuleContext ctx) {
        boolean database =
                ctx.files().isDirectory("/var/lib/rpm") || ctx.files().isDirectory("/usr/lib/sysimage/rpm");
        if (!database) {
            return 0;
        }
        ResultBuilder out = ctx.result();
        CommandResult result = ctx.commands().run(List.of("rpm", "-qa", "--queryformat", RPM_FORMAT));
        if (!result.succeeded()) {
            out.partial("rpm database present but `rpm -qa` failed: " + result.failure());
            return 1;
        }
        if (result.truncated()) {
            out.partial("rpm output larger than the command output cap: list incomplete");
        }
        for (String line : result.stdout().split("\n")) {
            String[] f = line.split("\t", -1);
            if (f.length < 5 || f[0].isBlank()) {
                if (!line.isBlank()) {
                    out.skip("rpm: malformed line ignored");
                }
                continue;
            }
            String epoch = f[1].equals("(none)") || f[1].isBlank() ? "" : f[1] + ":";
            String version = epoch + f[2] + "-" + f[3];
            String arch = f[4].equals("(none)") ? "noarch" : f[4];
            out.item(
                    "package",
                    "rpm:" + f[0] + ":" + arch,
                    Attrs.of()
                            .put("manager", "rpm")
                            .put("name", f[0])
                            .put("version", version)
                            .put("architecture", arch)
                            .put("vendor", f.length > 5 && !f[5].equals("(none)") && !f[5].isBlank() ? f[5] : null));
        }
        return 1;
    }

    private int apk(ModuleContext ctx) {
        String db = "/lib/apk/db/installed";
        if (!ctx.files().exists(db)) {
            return 0;
        }
        ResultBuilder out = ctx.result();
        ApkInstalledParser parser = new ApkInstalledParser();
        TextFile read = ctx.files().forEachLine(db, dbCap(ctx), parser::line);
        parser.finish();
        out.note(read);
        for (Map<String, String> record : parser.records()) {
            String name = record.get("P");
            if (name == null) {
                continue;
            }
            String arch = record.getOrDefault("A", "unknown");
            out.item(
                    "package",
                    "apk:" + name + ":" + arch,
                    Attrs.of()
                            .put("manager", "apk")
                            .put("name", name)
                            .put("version", record.get("V"))
                            .put("architecture", arch)
                            .put("sourcePackage", record.get("o")));
        }
        return 1;
    }
}
