package io.tenantra.agent.modules.kernel;

import io.tenantra.agent.modules.Attrs;
import io.tenantra.agent.modules.ConfigDirs;
import io.tenantra.agent.modules.ModuleContext;
import io.tenantra.agent.modules.PathNames;
import io.tenantra.agent.modules.ResultBuilder;
import io.tenantra.agent.modules.TextFile;
import io.tenantra.agent.modules.Texts;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sysctl values saved for the next boot ({@code sysctl_saved}): a live value fixed by hand is lost
 * at reboot, so baselines check both. Files are applied as {@code systemd-sysctl} and {@code
 * sysctl --system} do: {@code sysctl.d} directories merged by file name ({@code /etc} hides the
 * same name in {@code /run} and {@code /usr/lib}), in lexical order, then {@code /etc/sysctl.conf}
 * (unless a {@code sysctl.d} entry already is a link to it, as Debian's {@code 99-sysctl.conf}).
 * Later assignments win.
 */
final class SavedSysctls {

    static final List<String> DIRS =
            List.of("/etc/sysctl.d", "/run/sysctl.d", "/usr/local/lib/sysctl.d", "/usr/lib/sysctl.d", "/lib/sysctl.d");

    private SavedSysctls() {}

    private record Setting(String value, String source, List<String> sources) {}

    static void collect(ModuleContext ctx) {
        ResultBuilder out = ctx.result();
        List<String> order = new ArrayList<>();
        boolean confLinked = false;
        for (String path : ConfigDirs.effective(ctx.files(), out, DIRS, ".conf")) {
            // /lib is often a link to /usr/lib: the same file must not be read twice.
            String real = realPath(ctx, path);
            if (order.stream().anyMatch(p -> realPath(ctx, p).equals(real))) {
                continue;
            }
            confLinked |= real.equals("/etc/sysctl.conf");
            order.add(path);
        }
        if (!confLinked) {
            order.add("/etc/sysctl.conf");
        }
        Map<String, Setting> settings = new LinkedHashMap<>();
        for (String path : order) {
            TextFile file = ctx.files().read(path, 1024 * 1024);
            if (!out.note(file)) {
                continue;
            }
            for (String raw : file.lines()) {
                String line = raw.strip();
                if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                    continue;
                }
                int eq = line.indexOf('=');
                if (eq <= 0) {
                    continue;
                }
                // A leading "-" only tells systemd to ignore a failure to apply the value.
                String name =
                        line.substring(0, eq).strip().replaceFirst("^-", "").replace('/', '.');
                if (name.isEmpty() || name.contains(" ")) {
                    continue;
                }
                String value = Texts.squash(line.substring(eq + 1));
                Setting previous = settings.get(name);
                List<String> sources = new ArrayList<>(previous == null ? List.of() : previous.sources());
                if (!sources.contains(path)) {
                    sources.add(path);
                }
                settings.put(name, new Setting(value, path, sources));
            }
        }
        for (Map.Entry<String, Setting> e : settings.entrySet()) {
            Setting s = e.getValue();
            out.item(
                    "sysctl_saved",
                    e.getKey(),
                    Attrs.of().put("value", s.value()).put("source", s.source()).putList("sources", s.sources()));
        }
    }

    private static String realPath(ModuleContext ctx, String hostPath) {
        try {
            return ctx.files().resolveHost(hostPath, true);
        } catch (IOException e) {
            return PathNames.normalize(hostPath);
        }
    }
}
