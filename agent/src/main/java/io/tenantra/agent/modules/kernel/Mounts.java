package io.tenantra.agent.modules.kernel;

import io.tenantra.agent.modules.Attrs;
import io.tenantra.agent.modules.ModuleContext;
import io.tenantra.agent.modules.PathNames;
import io.tenantra.agent.modules.ResultBuilder;
import io.tenantra.agent.modules.TextFile;
import io.tenantra.model.Severity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Mount options of the directories baselines want on their own file systems ({@code
 * mount_options} items). The world-writable temporary directories keep the agent's own risk: a
 * place every user can write to that also allows setuid programs or device nodes is a danger
 * whatever the policy. For {@code /var}, {@code /var/log}, {@code /var/log/audit} and {@code
 * /home} the agent only reports; which options they need is content on the server.
 */
final class Mounts {

    static final Set<String> TEMP_DIRS = Set.of("/tmp", "/var/tmp", "/dev/shm");
    static final List<String> POINTS =
            List.of("/dev/shm", "/home", "/tmp", "/var", "/var/log", "/var/log/audit", "/var/tmp");
    private static final List<String> TEMP_OPTIONS = List.of("nodev", "nosuid", "noexec");

    private Mounts() {}

    static void collect(ModuleContext ctx) {
        ResultBuilder out = ctx.result();
        TextFile file = ctx.files().read("/proc/mounts", 4L * 1024 * 1024);
        if (!out.note(file)) {
            return;
        }
        // The last mount of a point is the visible one.
        Map<String, String[]> visible = new HashMap<>();
        for (String line : file.lines()) {
            String[] f = line.strip().split("\\s+");
            if (f.length >= 4) {
                visible.put(PathNames.normalize(PathNames.unescapeMountField(f[1])), f);
            }
        }
        for (String point : POINTS) {
            boolean temp = TEMP_DIRS.contains(point);
            String[] f = visible.get(point);
            if (f == null) {
                out.item("mount_options", point, Attrs.of().put("separateMount", false));
                if (temp) {
                    out.risk(
                            point.equals("/dev/shm") ? Severity.MEDIUM : Severity.LOW,
                            "kernel.tmp_not_separate",
                            "mount_options",
                            point,
                            point + " is not a separate file system, so nodev/nosuid/noexec cannot be applied to it");
                }
                continue;
            }
            List<String> options = List.of(f[3].split(","));
            List<String> missing = temp
                    ? TEMP_OPTIONS.stream().filter(o -> !options.contains(o)).toList()
                    : null;
            out.item(
                    "mount_options",
                    point,
                    Attrs.of()
                            .put("separateMount", true)
                            .put("device", PathNames.unescapeMountField(f[0]))
                            .put("fsType", f[2])
                            .putList("options", options)
                            .put("nodev", options.contains("nodev"))
                            .put("nosuid", options.contains("nosuid"))
                            .put("noexec", options.contains("noexec"))
                            .putList("missingOptions", missing));
            if (missing != null && !missing.isEmpty()) {
                out.risk(
                        missing.contains("nosuid") ? Severity.MEDIUM : Severity.LOW,
                        "kernel.mount_option_missing",
                        "mount_options",
                        point,
                        point + " lacks " + String.join(", ", missing) + ": files there can be "
                                + consequences(missing));
            }
        }
    }

    private static String consequences(List<String> missing) {
        List<String> parts = new ArrayList<>();
        if (missing.contains("nosuid")) {
            parts.add("setuid programs");
        }
        if (missing.contains("noexec")) {
            parts.add("executed");
        }
        if (missing.contains("nodev")) {
            parts.add("device nodes");
        }
        return String.join(", ", parts);
    }
}
