package io.tenantra.agent.modules.config;

import io.tenantra.agent.modules.Attrs;
import io.tenantra.agent.modules.ModuleContext;
import io.tenantra.agent.modules.ResultBuilder;
import io.tenantra.agent.modules.TextFile;
import io.tenantra.agent.modules.Texts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every PAM rule in {@code /etc/pam.d} as a {@code pam_module} item (file, type, module, control,
 * arguments), so that content can ask for faillock's {@code deny}, pwhistory's {@code remember} or
 * pam_wheel's {@code use_uid}; and the settings files of pam_faillock and pam_pwhistory ({@code
 * faillock}, {@code pwhistory} items). The same module twice in one file and type (faillock's
 * {@code preauth} and {@code authfail}) gets {@code #2} in its key, in file order.
 */
final class Pam {

    private static final int MAX_FILES = 500;

    private Pam() {}

    static void collect(ModuleContext ctx) {
        ResultBuilder out = ctx.result();
        var listing = ctx.files().list("/etc/pam.d");
        out.note(listing);
        int files = 0;
        for (String name : listing.names()) {
            if (name.startsWith(".") || name.endsWith("~") || name.endsWith(".dpkg-old") || name.endsWith(".rpmsave")) {
                continue;
            }
            if (++files > MAX_FILES) {
                out.truncated("more than " + MAX_FILES + " files in /etc/pam.d; later ones not read");
                break;
            }
            rules(ctx, "/etc/pam.d/" + name);
        }
        settings(ctx, "faillock", "/etc/security/faillock.conf");
        settings(ctx, "pwhistory", "/etc/security/pwhistory.conf");
    }

    private static void rules(ModuleContext ctx, String path) {
        ResultBuilder out = ctx.result();
        TextFile file = ctx.files().read(path, 1024 * 1024);
        if (!out.note(file)) {
            return;
        }
        Map<String, Integer> seen = new HashMap<>();
        for (String raw : file.lines()) {
            String line = Texts.stripComment(raw);
            if (line.isEmpty() || line.startsWith("@")) {
                continue;
            }
            List<String> words = List.of(line.split("\\s+"));
            // "-session": load the module only if it exists; the type is what follows the dash.
            String type = words.get(0).replaceFirst("^-", "");
            if (!List.of("auth", "account", "password", "session").contains(type) || words.size() < 3) {
                continue;
            }
            int at = 1;
            StringBuilder control = new StringBuilder(words.get(1));
            if (words.get(1).startsWith("[")) {
                while (!words.get(at).endsWith("]") && at + 1 < words.size()) {
                    at++;
                    control.append(' ').append(words.get(at));
                }
            }
            if (at + 1 >= words.size()) {
                continue;
            }
            String module = words.get(at + 1).replaceAll("^.*/", "");
            List<String> arguments = words.subList(at + 2, words.size());
            Map<String, Object> options = new TreeMap<>();
            for (String argument : arguments) {
                String[] kv = argument.split("=", 2);
                options.put(kv[0], kv.length > 1 ? kv[1] : true);
            }
            String base = path + ": " + type + " " + module;
            int n = seen.merge(base, 1, Integer::sum);
            out.item(
                    "pam_module",
                    n == 1 ? base : base + " #" + n,
                    Attrs.of()
                            .put("source", path)
                            .put("type", type)
                            .put("control", control.toString())
                            .put("module", module)
                            .putList("arguments", new ArrayList<>(arguments))
                            .put("options", options)
                            .put("optionalIfMissing", words.get(0).startsWith("-") ? true : null));
        }
    }

    /** {@code key = value} and bare flag lines ({@code even_deny_root}); flags have the value {@code ""}. */
    private static void settings(ModuleContext ctx, String type, String path) {
        ResultBuilder out = ctx.result();
        TextFile file = ctx.files().read(path, 1024 * 1024);
        if (file.missing() || !out.note(file)) {
            return;
        }
        for (String raw : file.lines()) {
            String line = Texts.stripComment(raw);
            if (line.isEmpty()) {
                continue;
            }
            String[] kv = line.split("\\s*=\\s*", 2);
            out.item(
                    type,
                    kv[0].strip(),
                    Attrs.of().put("value", kv.length > 1 ? kv[1].strip() : "").put("source", path));
        }
    }
}
