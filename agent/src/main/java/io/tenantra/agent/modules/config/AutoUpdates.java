package io.tenantra.agent.modules.config;

import io.tenantra.agent.modules.Attrs;
import io.tenantra.agent.modules.ConfigText;
import io.tenantra.agent.modules.ModuleContext;
import io.tenantra.agent.modules.ResultBuilder;
import io.tenantra.agent.modules.Texts;
import io.tenantra.model.Severity;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Automatic security updates: APT periodic settings plus unattended-upgrades (Debian, Ubuntu),
 * dnf-automatic (Red Hat family).
 */
final class AutoUpdates {

    private static final Pattern APT_SETTING = Pattern.compile("(APT::Periodic::[A-Za-z-]+)\\s+\"([^\"]*)\"\\s*;");

    private AutoUpdates() {}

    static void collect(ModuleContext ctx) {
        ResultBuilder out = ctx.result();
        if (ctx.files().isDirectory("/etc/apt")) {
            Map<String, String> periodic = new LinkedHashMap<>();
            // apt reads apt.conf.d in lexical order; later files override earlier ones.
            for (String name : ctx.files().list("/etc/apt/apt.conf.d").names()) {
                for (String line : ctx.files()
                        .read("/etc/apt/apt.conf.d/" + name, 1024 * 1024)
                        .lines()) {
                    Matcher m = APT_SETTING.matcher(Texts.stripComment(line.replaceAll("//.*$", "")));
                    while (m.find()) {
                        periodic.put(m.group(1), m.group(2));
                    }
                }
            }
            boolean tool = ctx.files().exists("/usr/bin/unattended-upgrade");
            boolean enabled = tool
                    && !"0".equals(periodic.getOrDefault("APT::Periodic::Unattended-Upgrade", "0"))
                    && !"0".equals(periodic.getOrDefault("APT::Periodic::Update-Package-Lists", "0"));
            out.item(
                    "auto_updates",
                    "apt",
                    Attrs.of()
                            .put("unattendedUpgradesInstalled", tool)
                            .put("updatePackageLists", periodic.get("APT::Periodic::Update-Package-Lists"))
                            .put("unattendedUpgrade", periodic.get("APT::Periodic::Unattended-Upgrade"))
                            .put("enabled", enabled));
            if (!enabled) {
                out.risk(
                        Severity.LOW,
                        "config.auto_updates_disabled",
                        "auto_updates",
                        "apt",
                        tool
                                ? "unattended-upgrades is installed but not enabled in APT::Periodic"
                                : "unattended-upgrades is not installed");
            }
        }
        if (ctx.files().exists("/etc/dnf/automatic.conf")) {
            Map<String, String> conf = ConfigText.equalsSeparated(
                    ctx.files().read("/etc/dnf/automatic.conf").lines());
            boolean timer = ctx.files().exists("/etc/systemd/system/timers.target.wants/dnf-automatic.timer")
                    || ctx.files().exists("/etc/systemd/system/timers.target.wants/dnf-automatic-install.timer");
            boolean apply = "yes".equalsIgnoreCase(conf.get("apply_updates"))
                    || "true".equalsIgnoreCase(conf.get("apply_updates"));
            out.item(
                    "auto_updates",
                    "dnf",
                    Attrs.of()
                            .put("applyUpdates", conf.get("apply_updates"))
                            .put("upgradeType", conf.get("upgrade_type"))
                            .put("timerEnabled", timer)
                            .put(
                                    "enabled",
                                    timer
                                            && (apply
                                                    || ctx.files()
                                                            .exists(
                                                                    "/etc/systemd/system/timers.target.wants/dnf-automatic-install.timer"))));
            if (!timer || !apply) {
                out.risk(
                        Severity.LOW,
                        "config.auto_updates_disabled",
                        "auto_updates",
                        "dnf",
                        "dnf-automatic does not install updates automatically");
            }
        }
    }
}
