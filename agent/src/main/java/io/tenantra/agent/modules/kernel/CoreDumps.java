package io.tenantra.agent.modules.kernel;

import io.tenantra.agent.modules.Attrs;
import io.tenantra.agent.modules.ConfigDirs;
import io.tenantra.agent.modules.ModuleContext;
import io.tenantra.agent.modules.ResultBuilder;
import io.tenantra.agent.modules.TextFile;
import io.tenantra.agent.modules.Texts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where core dumps may go: resource limits from {@code /etc/security/limits.conf} and {@code
 * limits.d} ({@code limits} items, one per line, e.g. {@code * hard core 0}) and the settings of
 * {@code systemd-coredump} ({@code coredump} items from {@code coredump.conf} and its drop-ins,
 * later files winning as systemd applies them).
 */
final class CoreDumps {

    static final List<String> COREDUMP_DROP_INS =
            List.of("/etc/systemd/coredump.conf.d", "/run/systemd/coredump.conf.d", "/usr/lib/systemd/coredump.conf.d");

    private CoreDumps() {}

    static void collect(ModuleContext ctx) {
        limits(ctx);
        coredump(ctx);
    }

    private static void limits(ModuleContext ctx) {
        ResultBuilder out = ctx.result();
        List<String> paths = new ArrayList<>();
        paths.add("/etc/security/limits.conf");
        // pam_limits reads limits.d/*.conf in C locale order after limits.conf.
        paths.addAll(ConfigDirs.effective(ctx.files(), out, List.of("/etc/security/limits.d"), ".conf"));
        for (String path : paths) {
            TextFile file = ctx.files().read(path, 1024 * 1024);
            if (!out.note(file)) {
                continue;
            }
            for (String raw : file.lines()) {
                String[] f = Texts.stripComment(raw).split("\\s+");
                if (f.length != 4) {
                    continue;
                }
                String key = path + ": " + f[0] + " " + f[1] + " " + f[2];
                out.item(
                        "limits",
                        key,
                        Attrs.of()
                                .put("domain", f[0])
                                .put("type", f[1])
                                .put("item", f[2])
                                .put("value", f[3])
                                .put("source", path));
            }
        }
    }

    private static void coredump(ModuleContext ctx) {
        ResultBuilder out = ctx.result();
        List<String> paths = new ArrayList<>();
        paths.add("/etc/systemd/coredump.conf");
        paths.addAll(ConfigDirs.effective(ctx.files(), out, COREDUMP_DROP_INS, ".conf"));
        Map<String, String[]> settings = new TreeMap<>();
        for (String path : paths) {
            TextFile file = ctx.files().read(path, 1024 * 1024);
            if (!out.note(file)) {
                continue;
            }
            for (String raw : file.lines()) {
                String line = raw.strip();
                if (line.isEmpty() || line.startsWith("#") || line.startsWith(";") || line.startsWith("[")) {
                    continue;
                }
                int eq = line.indexOf('=');
                if (eq > 0) {
                    settings.put(
                            line.substring(0, eq).strip(),
                            new String[] {line.substring(eq + 1).strip(), path});
                }
            }
        }
        for (Map.Entry<String, String[]> e : settings.entrySet()) {
            out.item(
                    "coredump",
                    e.getKey(),
                    Attrs.of().put("value", e.getValue()[0]).put("source", e.getValue()[1]));
        }
    }
}
