package io.tenantra.agent.modules.config;

import io.tenantra.agent.modules.Attrs;
import io.tenantra.agent.modules.ConfigText;
import io.tenantra.agent.modules.ModuleContext;
import io.tenantra.agent.modules.ResultBuilder;
import io.tenantra.agent.modules.TextFile;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Mandatory access control ({@code mac} items): AppArmor (enabled, profiles loaded by mode) from
 * {@code /sys}, SELinux (current mode from selinuxfs, configured mode and policy from {@code
 * /etc/selinux/config}) and the kernel command line parameters that switch either on or off.
 */
final class Mac {

    private Mac() {}

    static void collect(ModuleContext ctx) {
        Map<String, String> cmdline = cmdline(ctx);
        apparmor(ctx, cmdline);
        selinux(ctx, cmdline);
    }

    private static Map<String, String> cmdline(ModuleContext ctx) {
        Map<String, String> params = new TreeMap<>();
        TextFile file = ctx.files().read("/proc/cmdline", 64 * 1024);
        for (String word : file.text().strip().split("\\s+")) {
            String[] kv = word.split("=", 2);
            if (List.of("apparmor", "security", "lsm", "selinux", "enforcing").contains(kv[0])) {
                params.put(kv[0], kv.length > 1 ? kv[1] : "");
            }
        }
        return params;
    }

    private static void apparmor(ModuleContext ctx, Map<String, String> cmdline) {
        ResultBuilder out = ctx.result();
        TextFile enabled = ctx.files().read("/sys/module/apparmor/parameters/enabled", 4096);
        boolean tools =
                ctx.files().exists("/sbin/apparmor_parser") || ctx.files().exists("/usr/sbin/apparmor_parser");
        if (enabled.missing() && !tools && !ctx.files().isDirectory("/etc/apparmor.d")) {
            return;
        }
        Attrs attrs = Attrs.of()
                .put("kernelSupport", !enabled.missing())
                .put("enabled", enabled.ok() ? enabled.text().strip().equals("Y") : null)
                .put("parserInstalled", tools)
                .put("cmdlineApparmor", cmdline.get("apparmor"))
                .put("cmdlineSecurity", cmdline.get("security"))
                .put("cmdlineLsm", cmdline.get("lsm"));
        TextFile profiles = ctx.files().read("/sys/kernel/security/apparmor/profiles", 8L * 1024 * 1024);
        if (profiles.ok()) {
            int enforce = 0;
            int complain = 0;
            int other = 0;
            for (String line : profiles.lines()) {
                if (line.endsWith("(enforce)")) {
                    enforce++;
                } else if (line.endsWith("(complain)")) {
                    complain++;
                } else if (!line.isBlank()) {
                    other++;
                }
            }
            attrs.put("profiles", enforce + complain + other)
                    .put("enforce", enforce)
                    .put("complain", complain);
        } else if (profiles.failedBadly()) {
            out.partial("cannot read " + profiles.describeProblem());
        }
        out.item("mac", "apparmor", attrs);
    }

    private static void selinux(ModuleContext ctx, Map<String, String> cmdline) {
        ResultBuilder out = ctx.result();
        TextFile enforce = ctx.files().read("/sys/fs/selinux/enforce", 4096);
        TextFile config = ctx.files().read("/etc/selinux/config", 64 * 1024);
        if (enforce.missing() && config.missing()) {
            return;
        }
        out.note(config);
        Map<String, String> settings = ConfigText.equalsSeparated(config.lines());
        String mode = !enforce.ok() ? "disabled" : enforce.text().strip().equals("1") ? "enforcing" : "permissive";
        out.item(
                "mac",
                "selinux",
                Attrs.of()
                        .put("mode", mode)
                        .put("configuredMode", settings.get("SELINUX"))
                        .put("policy", settings.get("SELINUXTYPE"))
                        .put("cmdlineSelinux", cmdline.get("selinux"))
                        .put("cmdlineEnforcing", cmdline.get("enforcing"))
                        .put("source", config.ok() ? "/etc/selinux/config" : null));
    }
}
