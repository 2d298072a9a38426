package io.tenantra.agent.modules.services;

import io.tenantra.agent.modules.Attrs;
import io.tenantra.agent.modules.FileMeta;
import io.tenantra.agent.modules.HostFiles;
import io.tenantra.agent.modules.ModuleContext;
import io.tenantra.agent.modules.TextFile;
import io.tenantra.model.Severity;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * SysV init scripts in {@code /etc/init.d}: LSB header, the runlevels whose {@code rcN.d/S*}
 * links start them, and whether a native systemd unit of the same name supersedes them.
 */
final class SysvScripts {

    private static final List<String> RUNLEVELS = List.of("0", "1", "2", "3", "4", "5", "6", "S");

    private SysvScripts() {}

    static void collect(ModuleContext ctx, PackageOwners owners, SystemdUnits units) {
        HostFiles files = ctx.files();
        HostFiles.Listing scripts = files.list("/etc/init.d");
        if (!ctx.result().note(scripts)) {
            return;
        }
        Map<String, TreeSet<String>> startLevels = new TreeMap<>();
        for (String level : RUNLEVELS) {
            for (String link : files.list("/etc/rc" + level + ".d").names()) {
                if (link.length() > 3 && link.startsWith("S")) {
                    startLevels
                            .computeIfAbsent(link.substring(3), k -> new TreeSet<>())
                            .add(level);
                }
            }
        }
        for (String name : scripts.names()) {
            if (name.startsWith(".") || name.equals("README") || name.equals("skeleton") || name.contains(".dpkg-")) {
                continue;
            }
            String path = "/etc/init.d/" + name;
            FileMeta meta = files.lstat(path).orElse(null);
            if (meta == null || meta.isDirectory()) {
                continue;
            }
            TextFile text = files.read(path, 256 * 1024);
            Map<String, String> lsb = lsbHeader(text.lines());
            ctx.result()
                    .item(
                            "sysv_script",
                            name,
                            Attrs.of()
                                    .put("path", path)
                                    .put("mode", meta.modeString())
                                    .put("description", lsb.get("Short-Description"))
                                    .put("provides", lsb.get("Provides"))
                                    .put("defaultStart", lsb.get("Default-Start"))
                                    .putSorted("startRunlevels", startLevels.getOrDefault(name, new TreeSet<>()))
                                    .put("systemdNative", units.units().containsKey(name + ".service"))
                                    .put("package", owners.owner(path)));
            if (meta.worldWritable() || meta.groupWritable()) {
                ctx.result()
                        .risk(
                                Severity.HIGH,
                                "services.unit_writable",
                                "sysv_script",
                                name,
                                "init script is group- or world-writable (" + meta.modeString() + ")");
            }
            if (owners.available() && owners.owner(path) == null) {
                ctx.result()
                        .risk(
                                Severity.INFO,
                                "services.unpackaged",
                                "sysv_script",
                                name,
                                "init script not installed by any package");
            }
        }
    }

    /** The {@code ### BEGIN INIT INFO} block. */
    static Map<String, String> lsbHeader(List<String> lines) {
        Map<String, String> header = new TreeMap<>();
        boolean inside = false;
        for (String line : lines) {
            if (line.startsWith("### BEGIN INIT INFO")) {
                inside = true;
            } else if (line.startsWith("### END INIT INFO")) {
                break;
            } else if (inside && line.startsWith("#")) {
                String body = line.substring(1).strip();
                int colon = body.indexOf(':');
                if (colon > 0) {
                    header.putIfAbsent(
                            body.substring(0, colon).strip(),
                            body.substring(colon + 1).strip());
                }
            }
        }
        return header;
    }
}
