package io.tenantra.agent.modules.kernel;

import io.tenantra.agent.modules.Attrs;
import io.tenantra.agent.modules.ConfigDirs;
import io.tenantra.agent.modules.ModuleContext;
import io.tenantra.agent.modules.PathNames;
import io.tenantra.agent.modules.ResultBuilder;
import io.tenantra.agent.modules.TextFile;
import io.tenantra.agent.modules.Texts;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * How kernel modules are kept from loading ({@code modprobe} items): {@code blacklist} and {@code
 * install} lines of {@code modprobe.d} (merged by file name, {@code /etc} first, as kmod does),
 * whether the module is loaded now ({@code /proc/modules}), and whether the running kernel has it
 * at all ({@code modules.dep}, {@code modules.builtin}). Names are normalised as kmod does ({@code
 * -} and {@code _} are the same), so {@code usb-storage} is the key {@code usb_storage}.
 */
final class Modprobe {

    static final List<String> DIRS = List.of(
            "/etc/modprobe.d",
            "/run/modprobe.d",
            "/usr/local/lib/modprobe.d",
            "/usr/lib/modprobe.d",
            "/lib/modprobe.d");

    /** Reported even when no file names them: the rarely needed file systems and protocols baselines disable. */
    static final List<String> ALWAYS = List.of(
            "cramfs",
            "freevxfs",
            "jffs2",
            "hfs",
            "hfsplus",
            "squashfs",
            "udf",
            "usb_storage",
            "dccp",
            "sctp",
            "rds",
            "tipc");

    private static final Set<String> NO_OP_COMMANDS =
            Set.of("/bin/false", "/usr/bin/false", "/bin/true", "/usr/bin/true", "false", "true");

    private Modprobe() {}

    private static final class Entry {
        boolean blacklisted;
        String blacklistSource;
        String installCommand;
        String installSource;
    }

    static String normalise(String module) {
        return module.replace('-', '_');
    }

    static void collect(ModuleContext ctx, Set<String> loaded) {
        ResultBuilder out = ctx.result();
        Map<String, Entry> entries = new TreeMap<>();
        ALWAYS.forEach(name -> entries.put(name, new Entry()));
        Set<String> seenReal = new HashSet<>();
        for (String path : ConfigDirs.effective(ctx.files(), out, DIRS, ".conf")) {
            String real;
            try {
                real = ctx.files().resolveHost(path, true);
            } catch (java.io.IOException e) {
                real = path;
            }
            if (!seenReal.add(real)) {
                continue; // /lib -> /usr/lib: one file, read once
            }
            TextFile file = ctx.files().read(path, 1024 * 1024);
            if (!out.note(file)) {
                continue;
            }
            for (String raw : file.lines()) {
                String line = Texts.stripComment(raw);
                String[] f = line.split("\\s+", 3);
                if (f.length < 2) {
                    continue;
                }
                if (f[0].equals("blacklist")) {
                    Entry e = entries.computeIfAbsent(normalise(f[1]), k -> new Entry());
                    if (!e.blacklisted) {
                        e.blacklisted = true;
                        e.blacklistSource = path;
                    }
                } else if (f[0].equals("install") && f.length == 3) {
                    Entry e = entries.computeIfAbsent(normalise(f[1]), k -> new Entry());
                    // kmod runs the first install command it finds for a module.
                    if (e.installCommand == null) {
                        e.installCommand = Texts.squash(f[2]);
                        e.installSource = path;
                    }
                }
            }
        }
        KernelTree tree = KernelTree.read(ctx);
        for (Map.Entry<String, Entry> m : entries.entrySet()) {
            Entry e = m.getValue();
            String firstWord =
                    e.installCommand == null ? null : e.installCommand.split(" ")[0];
            out.item(
                    "modprobe",
                    m.getKey(),
                    Attrs.of()
                            .put("blacklisted", e.blacklisted)
                            .put("blacklistSource", e.blacklistSource)
                            .put("installCommand", e.installCommand)
                            .put("installSource", e.installSource)
                            .put("source", e.installSource != null ? e.installSource : e.blacklistSource)
                            .put("disabled", firstWord != null && NO_OP_COMMANDS.contains(firstWord))
                            .put("loaded", loaded == null ? null : loaded.contains(m.getKey()))
                            .put("available", tree.available(m.getKey()))
                            .put("builtIn", tree.builtIn(m.getKey())));
        }
    }

    /** The modules the running kernel can load ({@code modules.dep}) or has built in. */
    private record KernelTree(Set<String> modules, Set<String> builtIn) {

        static KernelTree read(ModuleContext ctx) {
            TextFile release = ctx.files().read("/proc/sys/kernel/osrelease", 4096);
            if (!release.ok() || release.text().isBlank()) {
                return new KernelTree(null, null);
            }
            String dir = "/lib/modules/" + release.text().strip();
            return new KernelTree(names(ctx, dir + "/modules.dep"), names(ctx, dir + "/modules.builtin"));
        }

        private static Set<String> names(ModuleContext ctx, String path) {
            TextFile file = ctx.files().read(path, 16L * 1024 * 1024);
            if (!file.ok()) {
                return null;
            }
            Set<String> names = new HashSet<>();
            for (String line : file.lines()) {
                String entry = line.split(":", 2)[0].strip();
                if (!entry.isEmpty()) {
                    names.add(normalise(PathNames.fileName(entry).replaceFirst("\\.ko(\\.[a-z]+)?$", "")));
                }
            }
            return names;
        }

        Boolean available(String module) {
            return modules == null ? null : modules.contains(module) || (builtIn != null && builtIn.contains(module));
        }

        Boolean builtIn(String module) {
            return builtIn == null ? null : builtIn.contains(module);
        }
    }
}
