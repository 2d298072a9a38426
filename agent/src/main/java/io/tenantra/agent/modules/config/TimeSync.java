package io.tenantra.agent.modules.config;

import io.tenantra.agent.modules.Attrs;
import io.tenantra.agent.modules.ConfigDirs;
import io.tenantra.agent.modules.ConfigText;
import io.tenantra.agent.modules.ModuleContext;
import io.tenantra.agent.modules.ResultBuilder;
import io.tenantra.agent.modules.TextFile;
import io.tenantra.agent.modules.Texts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Time synchronisation ({@code time_sync} items for {@code chrony}, {@code systemd-timesyncd} and
 * {@code ntp}): installed (package list or program on disk), enabled (a systemd {@code .wants}
 * link), running (process name in {@code /proc}) and the servers and pools configured. Reported
 * for each daemon found; a host with none has no {@code time_sync} item but the {@code summary}.
 */
final class TimeSync {

    private record Daemon(
            String key, List<String> packages, List<String> programs, List<String> units, Set<String> processes) {}

    private static final List<Daemon> DAEMONS = List.of(
            new Daemon(
                    "chrony",
                    List.of("chrony"),
                    List.of("/usr/sbin/chronyd", "/sbin/chronyd"),
                    List.of("chrony.service", "chronyd.service"),
                    Set.of("chronyd")),
            new Daemon(
                    "ntp",
                    List.of("ntp", "ntpsec"),
                    List.of("/usr/sbin/ntpd", "/sbin/ntpd"),
                    List.of("ntp.service", "ntpd.service", "ntpsec.service"),
                    Set.of("ntpd")),
            new Daemon(
                    "systemd-timesyncd",
                    List.of("systemd-timesyncd"),
                    List.of("/usr/lib/systemd/systemd-timesyncd", "/lib/systemd/systemd-timesyncd"),
                    List.of("systemd-timesyncd.service"),
                    // comm is cut to 15 characters
                    Set.of("systemd-timesyncd", "systemd-timesyn")));

    private TimeSync() {}

    static void collect(ModuleContext ctx, Set<String> running) {
        ResultBuilder out = ctx.result();
        List<String> found = new ArrayList<>();
        for (Daemon d : DAEMONS) {
            boolean packaged =
                    d.packages().stream().anyMatch(p -> ctx.files().exists("/var/lib/dpkg/info/" + p + ".list"));
            boolean program = d.programs().stream().anyMatch(ctx.files()::exists);
            boolean isRunning = d.processes().stream().anyMatch(running::contains);
            if (!packaged && !program && !isRunning) {
                continue;
            }
            found.add(d.key());
            Attrs attrs = Attrs.of()
                    .put("installed", packaged || program)
                    .put("enabled", enabled(ctx, d.units()))
                    .put("running", isRunning);
            switch (d.key()) {
                case "chrony" -> servers(ctx, attrs, List.of("/etc/chrony/chrony.conf", "/etc/chrony.conf"));
                case "ntp" -> servers(ctx, attrs, List.of("/etc/ntpsec/ntp.conf", "/etc/ntp.conf"));
                default -> timesyncd(ctx, attrs);
            }
            out.item("time_sync", d.key(), attrs);
        }
        out.item(
                "time_sync",
                "summary",
                Attrs.of()
                        .putSorted("installed", found)
                        .put(
                                "anyRunning",
                                DAEMONS.stream()
                                        .anyMatch(d -> d.processes().stream().anyMatch(running::contains))));
    }

    /** Enabled for any target: a link to the unit in some {@code /etc/systemd/system/*.wants}. */
    private static boolean enabled(ModuleContext ctx, List<String> units) {
        for (String dir : ctx.files().list("/etc/systemd/system").names()) {
            if (dir.endsWith(".wants")) {
                for (String unit : units) {
                    if (ctx.files()
                            .lstat("/etc/systemd/system/" + dir + "/" + unit)
                            .isPresent()) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** chrony.conf and ntp.conf share the {@code server}/{@code pool} syntax; chrony adds {@code confdir}/{@code sourcedir}. */
    private static void servers(ModuleContext ctx, Attrs attrs, List<String> candidates) {
        for (String path : candidates) {
            TextFile file = ctx.files().read(path, 1024 * 1024);
            if (file.missing()) {
                continue;
            }
            if (!ctx.result().note(file)) {
                return;
            }
            List<String> lines = new ArrayList<>(file.lines());
            for (String raw : file.lines()) {
                String[] f = Texts.stripComment(raw).split("\\s+");
                if (f.length >= 2 && (f[0].equals("confdir") || f[0].equals("sourcedir"))) {
                    String suffix = f[0].equals("confdir") ? ".conf" : ".sources";
                    for (String p : ConfigDirs.effective(ctx.files(), ctx.result(), List.of(f[1]), suffix)) {
                        lines.addAll(ctx.files().read(p, 1024 * 1024).lines());
                    }
                }
            }
            List<String> servers = new ArrayList<>();
            List<String> pools = new ArrayList<>();
            for (String raw : lines) {
                String[] f = Texts.stripComment(raw).split("\\s+");
                if (f.length >= 2 && f[0].equals("server")) {
                    servers.add(f[1]);
                } else if (f.length >= 2 && f[0].equals("pool")) {
                    pools.add(f[1]);
                }
            }
            attrs.put("config", path).putList("servers", servers).putList("pools", pools);
            return;
        }
    }

    private static void timesyncd(ModuleContext ctx, Attrs attrs) {
        List<String> lines = new ArrayList<>();
        TextFile main = ctx.files().read("/etc/systemd/timesyncd.conf", 1024 * 1024);
        ctx.result().note(main);
        lines.addAll(main.lines());
        for (String p : ConfigDirs.effective(
                ctx.files(),
                ctx.result(),
                List.of(
                        "/etc/systemd/timesyncd.conf.d",
                        "/run/systemd/timesyncd.conf.d",
                        "/usr/lib/systemd/timesyncd.conf.d"),
                ".conf")) {
            lines.addAll(ctx.files().read(p, 1024 * 1024).lines());
        }
        Map<String, String> settings = ConfigText.equalsSeparated(lines);
        attrs.put("config", main.ok() ? "/etc/systemd/timesyncd.conf" : null);
        attrs.putList("servers", split(settings.get("NTP")));
        attrs.putList("fallbackServers", split(settings.get("FallbackNTP")));
    }

    private static List<String> split(String value) {
        return value == null || value.isBlank() ? null : List.of(value.strip().split("\\s+"));
    }
}
