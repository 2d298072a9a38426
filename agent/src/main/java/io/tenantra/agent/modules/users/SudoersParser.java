package io.tenantra.agent.modules.users;

import io.tenantra.agent.modules.Attrs;
import io.tenantra.agent.modules.HostFiles;
import io.tenantra.agent.modules.ModuleContext;
import io.tenantra.agent.modules.PathNames;
import io.tenantra.agent.modules.ResultBuilder;
import io.tenantra.agent.modules.TextFile;
import io.tenantra.agent.modules.Texts;
import io.tenantra.model.Severity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code /etc/sudoers} and what it includes ({@code #include}, {@code @include},
 * {@code #includedir}, {@code @includedir}) and turns each user specification into a
 * {@code sudo_rule} item. Aliases are reported as written (not expanded); {@code Defaults} lines
 * become {@code sudo_default} items.
 */
final class SudoersParser {

    private static final int MAX_DEPTH = 8;

    private final ModuleContext ctx;
    private final ResultBuilder out;
    private final Set<String> visited = new HashSet<>();
    private final Map<String, Integer> ordinals = new HashMap<>();
    private final Set<String> sudoPrincipals = new HashSet<>();

    SudoersParser(ModuleContext ctx) {
        this.ctx = ctx;
        this.out = ctx.result();
    }

    /** Principals (users and %groups) that have at least one rule. */
    Set<String> principals() {
        return sudoPrincipals;
    }

    void parse() {
        if (!ctx.files().exists("/etc/sudoers") && !ctx.files().isDirectory("/etc/sudoers.d")) {
            out.message("sudo not configured (/etc/sudoers absent)");
            return;
        }
        file("/etc/sudoers", 0);
    }

    private void file(String path, int depth) {
        String normalized = PathNames.normalize(path);
        if (depth > MAX_DEPTH || !visited.add(normalized)) {
            out.skip("sudoers include of " + normalized + " skipped (loop or too deep)");
            return;
        }
        TextFile file = ctx.files().read(normalized);
        if (!out.note(file)) {
            return;
        }
        ctx.files().lstat(normalized).ifPresent(meta -> {
            if (meta.worldWritable() || meta.groupWritable()) {
                out.risk(
                        Severity.HIGH,
                        "users.sudoers_writable",
                        "sudoers_file",
                        normalized,
                        "sudoers file is group- or world-writable (" + meta.modeString() + ")");
            }
        });
        List<String> logical = joinContinuations(file.lines());
        for (String line : logical) {
            String trimmed = line.strip();
            String directive =
                    trimmed.startsWith("#include") || trimmed.startsWith("@include") ? trimmed.substring(1) : null;
            if (directive != null) {
                include(normalized, directive, depth);
                continue;
            }
            String content = Texts.stripComment(trimmed);
            if (content.isEmpty()) {
                continue;
            }
            if (content.startsWith("Defaults")) {
                out.item(
                        "sudo_default",
                        normalized + ": " + Texts.squash(content),
                        Attrs.of().put("source", normalized).put("setting", Texts.squash(content)));
                continue;
            }
            if (content.matches("^(User|Runas|Host|Cmnd|Cmd)_Alias\\b.*")) {
                continue;
            }
            rule(normalized, Texts.squash(content));
        }
    }

    private void include(String from, String directive, int depth) {
        String[] parts = directive.split("\\s+", 2);
        if (parts.length < 2) {
            return;
        }
        String target = Texts.unquote(parts[1].strip());
        if (!target.startsWith("/")) {
            target = PathNames.join(PathNames.normalize(from + "/.."), target);
        }
        if (parts[0].equals("includedir")) {
            HostFiles.Listing listing = ctx.files().list(target);
            out.note(listing);
            for (String name : listing.names()) {
                // sudo skips names ending in ~ or containing a dot (editor backups, package leftovers).
                if (!name.endsWith("~") && !name.contains(".")) {
                    file(target + "/" + name, depth + 1);
                }
            }
        } else if (parts[0].equals("include")) {
            file(target, depth + 1);
        }
    }

    static List<String> joinContinuations(List<String> lines) {
        List<String> joined = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        for (String line : lines) {
            if (line.endsWith("\\")) {
                pending.append(line, 0, line.length() - 1).append(' ');
            } else {
                pending.append(line);
                joined.add(pending.toString());
                pending.setLength(0);
            }
        }
        if (pending.length() > 0) {
            joined.add(pending.toString());
        }
        return joined;
    }

    /** {@code who host = (runas) TAGS: commands}, possibly several {@code host = …} parts split by ':'. */
    private void rule(String source, String spec) {
        int eq = spec.indexOf('=');
        String[] head = (eq > 0 ? spec.substring(0, eq) : spec).strip().split("\\s+");
        if (eq <= 0 || head.length < 2) {
            out.skip("sudoers: unparsable line in " + source + " ignored");
            return;
        }
        String principalList = String.join(" ", java.util.Arrays.copyOf(head, head.length - 1));
        String hosts = head[head.length - 1];
        String rest = spec.substring(eq + 1).strip();
        String runAs = null;
        if (rest.startsWith("(")) {
            int close = rest.indexOf(')');
            if (close > 0) {
                runAs = rest.substring(1, close).strip();
                rest = rest.substring(close + 1).strip();
            }
        }
        List<String> tags = new ArrayList<>();
        while (rest.matches("^[A-Z_]+:.*")) {
            int colon = rest.indexOf(':');
            tags.add(rest.substring(0, colon));
            rest = rest.substring(colon + 1).strip();
        }
        String commands = rest;
        boolean nopasswd = tags.contains("NOPASSWD");
        boolean allCommands = commands.equals("ALL") || commands.startsWith("ALL,") || commands.contains(", ALL");
        for (String principal : principalList.split("\\s*,\\s*")) {
            sudoPrincipals.add(principal);
            String base = source + ": " + principal;
            int n = ordinals.merge(base, 1, Integer::sum);
            String key = base + " #" + n;
            out.item(
                    "sudo_rule",
                    key,
                    Attrs.of()
                            .put("source", source)
                            .put("principal", principal)
                            .put(
                                    "principalType",
                                    principal.startsWith("%")
                                            ? "group"
                                            : principal.matches("[A-Z][A-Z0-9_]*") ? "alias" : "user")
                            .put("hosts", hosts)
                            .put("runAs", runAs)
                            .putList("tags", tags)
                            .put("commands", commands)
                            .put("nopasswd", nopasswd)
                            .put("allCommands", allCommands));
            if (nopasswd) {
                out.risk(
                        allCommands ? Severity.HIGH : Severity.MEDIUM,
                        "users.sudo_nopasswd",
                        "sudo_rule",
                        key,
                        principal + " may run " + (allCommands ? "any command" : "commands")
                                + " as another user without a password");
            }
        }
    }
}
