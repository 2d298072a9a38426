package io.tenantra.agent.modules.config;

import io.tenantra.agent.modules.Attrs;
import io.tenantra.agent.modules.ModuleContext;
import io.tenantra.agent.modules.ResultBuilder;
import io.tenantra.agent.modules.TextFile;
import io.tenantra.agent.modules.Texts;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Session settings of the system-wide shell start-up files: the idle timeout ({@code TMOUT}, as
 * {@code shell_timeout} items: the value last assigned in a file, whether it is made read-only and
 * exported there) and the default file mode mask ({@code umask} lines, as {@code shell_umask}
 * items). One item per file, keyed by its path. Only what the files say is reported: whether a
 * condition around the line applies to a given user is not evaluated.
 */
final class ShellProfiles {

    /** {@code TMOUT=900}, {@code readonly TMOUT=900}, {@code export TMOUT}, {@code declare -xr TMOUT=900}. */
    private static final Pattern TMOUT = Pattern.compile(
            "(?:^|[;&|\\s])(?:(readonly|export|declare|typeset)((?:\\s+-[a-zA-Z]+)*)\\s+)?TMOUT(?:=(\"[^\"]*\"|'[^']*'|[^\\s;]*))?(?=$|[\\s;])");

    private static final Pattern READONLY_OR_EXPORT_LIST = Pattern.compile("^(readonly|export)\\s+(.*)$");
    private static final Pattern UMASK =
            Pattern.compile("(?:^|[;&|\\s])umask\\s+(-S\\s+)?([0-7]{3,4}|[ugoa=rwx,]+)(?=$|[\\s;])");

    private ShellProfiles() {}

    static void collect(ModuleContext ctx) {
        List<String> paths = new ArrayList<>(List.of("/etc/profile", "/etc/bash.bashrc", "/etc/bashrc"));
        for (String name : ctx.files().list("/etc/profile.d").names()) {
            paths.add("/etc/profile.d/" + name);
        }
        for (String path : paths) {
            TextFile file = ctx.files().read(path, 1024 * 1024);
            if (!ctx.result().note(file)) {
                continue;
            }
            scan(ctx.result(), path, file.lines());
        }
    }

    static void scan(ResultBuilder out, String path, List<String> lines) {
        String value = null;
        boolean mentioned = false;
        boolean readonly = false;
        boolean exported = false;
        List<String> umasks = new ArrayList<>();
        for (String raw : lines) {
            String line = Texts.stripComment(raw);
            if (line.isEmpty()) {
                continue;
            }
            Matcher m = TMOUT.matcher(line);
            while (m.find()) {
                mentioned = true;
                String builtin = m.group(1);
                String flags = m.group(2) == null ? "" : m.group(2);
                if (m.group(3) != null) {
                    value = Texts.unquote(m.group(3));
                }
                readonly |= "readonly".equals(builtin) || (isDeclare(builtin) && flags.matches(".*-[a-zA-Z]*r.*"));
                exported |= "export".equals(builtin) || (isDeclare(builtin) && flags.matches(".*-[a-zA-Z]*x.*"));
            }
            // "readonly TMOUT" inside a list ("export HISTSIZE TMOUT") counts too.
            Matcher list = READONLY_OR_EXPORT_LIST.matcher(line);
            if (list.find() && List.of(list.group(2).split("\\s+")).contains("TMOUT")) {
                mentioned = true;
                readonly |= list.group(1).equals("readonly");
                exported |= list.group(1).equals("export");
            }
            Matcher u = UMASK.matcher(line);
            while (u.find()) {
                umasks.add(u.group(2));
            }
        }
        if (mentioned) {
            out.item(
                    "shell_timeout",
                    path,
                    Attrs.of()
                            .put("value", value)
                            .put("readonly", readonly)
                            .put("exported", exported)
                            .put("source", path));
        }
        if (!umasks.isEmpty()) {
            out.item(
                    "shell_umask",
                    path,
                    Attrs.of()
                            .put("value", umasks.get(umasks.size() - 1))
                            .putList("values", umasks)
                            .put("source", path));
        }
    }

    private static boolean isDeclare(String builtin) {
        return "declare".equals(builtin) || "typeset".equals(builtin);
    }
}
