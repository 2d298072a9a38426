package io.tenantra.agent.modules.config;

import io.tenantra.agent.modules.Attrs;
import io.tenantra.agent.modules.ConfigText;
import io.tenantra.agent.modules.ModuleContext;
import io.tenantra.agent.modules.ResultBuilder;
import io.tenantra.agent.modules.TextFile;
import io.tenantra.model.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** auditd (configuration, rules, running) and journald/syslog persistence. */
final class Logging {

    private static final Set<String> AUDITD_KEYS = Set.of(
            "log_file",
            "max_log_file",
            "max_log_file_action",
            "space_left_action",
            "admin_space_left_action",
            "disk_full_action",
            "disk_error_action",
            "num_logs",
            "log_format",
            "flush");

    private Logging() {}

    static void collect(ModuleContext ctx, Set<String> running) {
        auditd(ctx, running);
        journald(ctx, running);
    }

    private static void auditd(ModuleContext ctx, Set<String> running) {
        ResultBuilder out = ctx.result();
        TextFile conf = ctx.files().read("/etc/audit/auditd.conf");
        boolean installed = !conf.missing()
                || ctx.files().exists("/sbin/auditd")
                || ctx.files().exists("/usr/sbin/auditd");
        boolean isRunning = running.contains("auditd");
        int rules = 0;
        for (String name : ctx.files().list("/etc/audit/rules.d").names()) {
            if (name.endsWith(".rules")) {
                rules += (int) ctx.files().read("/etc/audit/rules.d/" + name).lines().stream()
                        .map(String::strip)
                        .filter(l -> l.startsWith("-a") || l.startsWith("-w"))
                        .count();
            }
        }
        Attrs attrs = Attrs.of()
                .put("installed", installed)
                .put("running", isRunning)
                .put("ruleCount", installed ? rules : null);
        if (out.note(conf)) {
            for (Map.Entry<String, String> e :
                    ConfigText.equalsSeparated(conf.lines()).entrySet()) {
                if (AUDITD_KEYS.contains(e.getKey())) {
                    attrs.put(e.getKey(), e.getValue());
                }
            }
        }
        out.item("auditd", "auditd", attrs);
        if (!installed) {
            out.risk(
                    Severity.LOW,
                    "config.auditd_missing",
                    "auditd",
                    "auditd",
                    "auditd is not installed: no audit trail of security events");
        } else if (!isRunning) {
            out.risk(
                    Severity.MEDIUM,
                    "config.auditd_not_running",
                    "auditd",
                    "auditd",
                    "auditd is installed but not running");
        }
    }

    private static void journald(ModuleContext ctx, Set<String> running) {
        ResultBuilder out = ctx.result();
        List<String> lines = new ArrayList<>();
        TextFile conf = ctx.files().read("/etc/systemd/journald.conf");
        out.note(conf);
        lines.addAll(conf.lines());
        for (String dir : List.of(
                "/usr/lib/systemd/journald.conf.d", "/etc/systemd/journald.conf.d", "/run/systemd/journald.conf.d")) {
            for (String name : ctx.files().list(dir).names()) {
                if (name.endsWith(".conf")) {
                    lines.addAll(ctx.files().read(dir + "/" + name).lines());
                }
            }
        }
        Map<String, String> settings = ConfigText.equalsSeparated(lines);
        String storage = settings.getOrDefault("Storage", "auto");
        // "auto" persists only when /var/log/journal exists.
        boolean persistent = storage.equals("persistent")
                || (storage.equals("auto") && ctx.files().isDirectory("/var/log/journal"));
        if (!conf.missing() || !settings.isEmpty()) {
            out.item(
                    "logging",
                    "journald",
                    Attrs.of()
                            .put("storage", storage)
                            .put("persistent", persistent)
                            .put("compress", settings.get("Compress"))
                            .put("forwardToSyslog", settings.get("ForwardToSyslog"))
                            .put("systemMaxUse", settings.get("SystemMaxUse"))
                            .put(
                                    "running",
                                    running.contains("systemd-journal") || running.contains("systemd-journald")));
        }
        boolean syslog = false;
        for (String daemon : List.of("rsyslog", "syslog-ng")) {
            String confPath = daemon.equals("rsyslog") ? "/etc/rsyslog.conf" : "/etc/syslog-ng/syslog-ng.conf";
            boolean installed = ctx.files().exists(confPath);
            boolean isRunning = running.contains(daemon.equals("rsyslog") ? "rsyslogd" : "syslog-ng");
            if (installed || isRunning) {
                syslog = true;
                out.item(
                        "logging",
                        daemon,
                        Attrs.of().put("installed", installed).put("running", isRunning));
            }
        }
        if (!persistent && !syslog) {
            out.risk(
                    Severity.LOW,
                    "config.no_persistent_logs",
                    "logging",
                    "journald",
                    "logs are kept in memory only (journald storage " + storage
                            + ", no syslog daemon): lost at reboot");
        }
    }
}
