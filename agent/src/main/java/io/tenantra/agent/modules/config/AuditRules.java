package io.tenantra.agent.modules.config;

import io.tenantra.agent.modules.Attrs;
import io.tenantra.agent.modules.CommandResult;
import io.tenantra.agent.modules.ModuleContext;
import io.tenantra.agent.modules.ResultBuilder;
import io.tenantra.agent.modules.TextFile;
import io.tenantra.agent.modules.Texts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The contents of the audit rules ({@code audit_rule} items): every rule of {@code
 * /etc/audit/rules.d/*.rules} and {@code /etc/audit/audit.rules}, and, where {@code auditctl}
 * runs, the rules loaded in the kernel ({@code auditctl -l}). Rules are keyed by a canonical form
 * in which {@code auditctl}'s way of printing ({@code -F key=x}, {@code -F perm=wa}, one {@code -S}
 * with a list) and the file's way ({@code -k x}, {@code -p wa}, several {@code -S}) meet, so a
 * saved rule and the same rule loaded are one item with {@code loaded: true}.
 */
final class AuditRules {

    private static final Set<String> CONTROL_FLAGS =
            Set.of("-e", "-f", "-b", "-r", "-D", "--backlog_wait_time", "--loginuid-immutable", "-c", "-i");

    private AuditRules() {}

    private static final class Rule {
        final String text;
        final List<String> sources = new ArrayList<>();
        boolean loaded;

        Rule(String text) {
            this.text = text;
        }
    }

    static void collect(ModuleContext ctx) {
        ResultBuilder out = ctx.result();
        Map<String, Rule> rules = new TreeMap<>();
        List<String> paths = new ArrayList<>();
        for (String name : ctx.files().list("/etc/audit/rules.d").names()) {
            if (name.endsWith(".rules")) {
                paths.add("/etc/audit/rules.d/" + name);
            }
        }
        paths.add("/etc/audit/audit.rules");
        for (String path : paths) {
            TextFile file = ctx.files().read(path, 4L * 1024 * 1024);
            if (!out.note(file)) {
                continue;
            }
            for (String raw : file.lines()) {
                String line = Texts.squash(raw);
                if (line.isEmpty() || line.startsWith("#") || !line.startsWith("-")) {
                    continue;
                }
                Rule rule = rules.computeIfAbsent(canonical(line), k -> new Rule(line));
                if (!rule.sources.contains(path)) {
                    rule.sources.add(path);
                }
            }
        }
        Boolean loadedKnown = null;
        CommandResult listed = ctx.commands().run("auditctl", "-l");
        if (!listed.notFound()) {
            if (listed.succeeded()) {
                loadedKnown = true;
                for (String raw : listed.stdout().split("\n")) {
                    String line = Texts.squash(raw);
                    if (!line.startsWith("-")) {
                        continue; // "No rules"
                    }
                    rules.computeIfAbsent(canonical(line), k -> new Rule(line)).loaded = true;
                }
            } else {
                out.partial("cannot list loaded audit rules: auditctl -l " + listed.failure());
            }
        }
        for (Map.Entry<String, Rule> e : rules.entrySet()) {
            Rule rule = e.getValue();
            Attrs attrs = parse(e.getKey())
                    .put("rule", rule.text)
                    .put("source", rule.sources.isEmpty() ? "auditctl -l" : rule.sources.get(0))
                    .putList("sources", rule.sources)
                    .put("loaded", loadedKnown == null ? null : rule.loaded);
            out.item("audit_rule", e.getKey(), attrs);
        }
    }

    /** One spelling per rule: flags as the file writes them, system calls merged in order. */
    static String canonical(String line) {
        List<String> words = List.of(Texts.squash(line).split(" "));
        List<String> result = new ArrayList<>();
        List<String> syscalls = new ArrayList<>();
        int syscallAt = -1;
        String key = null;
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            String next = i + 1 < words.size() ? words.get(i + 1) : null;
            if (w.equals("-S") && next != null) {
                if (syscallAt < 0) {
                    syscallAt = result.size();
                    result.add("-S");
                    result.add("");
                }
                for (String s : next.split(",")) {
                    if (!syscalls.contains(s)) {
                        syscalls.add(s);
                    }
                }
                i++;
            } else if ((w.equals("-k") || w.equals("-F") && next != null && next.startsWith("key=")) && next != null) {
                key = w.equals("-k") ? next : next.substring(4);
                i++;
            } else if (w.equals("-F") && next != null && next.startsWith("perm=")) {
                result.add("-p");
                result.add(next.substring(5));
                i++;
            } else {
                result.add(w);
            }
        }
        if (syscallAt >= 0) {
            result.set(syscallAt + 1, String.join(",", syscalls));
        }
        if (key != null) {
            result.add("-k");
            result.add(key);
        }
        return String.join(" ", result);
    }

    /** The fields of a canonical rule: kind, path, perm, key, action, syscalls, filters. */
    static Attrs parse(String canonical) {
        List<String> words = List.of(canonical.split(" "));
        Attrs attrs = Attrs.of();
        String first = words.get(0);
        if (CONTROL_FLAGS.contains(first)) {
            return attrs.put("kind", "control")
                    .put("flag", first)
                    .put("value", words.size() > 1 ? words.get(1) : null)
                    .put(
                            "immutable",
                            first.equals("-e")
                                            && words.size() > 1
                                            && words.get(1).equals("2")
                                    ? true
                                    : null);
        }
        attrs.put("kind", first.equals("-w") || first.equals("-W") ? "watch" : "syscall");
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i + 1 < words.size(); i++) {
            String w = words.get(i);
            String next = words.get(i + 1);
            switch (w) {
                case "-w", "-W" -> attrs.put("path", next);
                case "-p" -> attrs.put("perm", next);
                case "-k" -> attrs.put("key", next);
                case "-a", "-A" -> attrs.put("action", next);
                case "-S" -> attrs.putList("syscalls", List.of(next.split(",")));
                case "-F" -> {
                    String[] kv = next.split("(?<=[a-z_0-9])(?=[!<>=&])", 2);
                    fields.put(kv[0], kv.length > 1 ? kv[1] : "");
                    if ((kv[0].equals("path") || kv[0].equals("dir")) && kv.length > 1) {
                        attrs.put("path", kv[1].replaceFirst("^=", ""));
                    }
                }
                default -> {
                    continue;
                }
            }
            i++;
        }
        if (!fields.isEmpty()) {
            attrs.put("fields", new TreeMap<>(fields));
        }
        return attrs;
    }
}
