package io.tenantra.compliance.content.wazuh;

import io.tenantra.compliance.content.ProbeRule;
import io.tenantra.compliance.content.Probes;
import io.tenantra.model.ContentTest;
import io.tenantra.model.ContentTestKind;
import io.tenantra.model.ProbeKind;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns one Wazuh rule string ({@code [not ]TYPE:target[ -> …]}) into a {@link ProbeRule}: the
 * probe the agent answers and whether the rule holds on FOUND or on NOT_FOUND. Variables are
 * already substituted. A rule this product cannot run with Wazuh's meaning throws
 * {@link UnsupportedRule} with the reason.
 */
final class RuleTranslator {

    /** Wazuh's command time limit ({@code commands_timeout}, default 30 s). */
    static final int COMMAND_TIMEOUT_SECONDS = 30;

    private static final String ARROW = " -> ";
    private static final Pattern UNDEFINED_VARIABLE = Pattern.compile("\\$[A-Za-z_][A-Za-z0-9_]*");

    private final Dialect dialect;
    private final boolean windows;

    /** @param windows the policy reads the registry, so its commands are Windows command lines */
    RuleTranslator(Dialect dialect, boolean windows) {
        this.dialect = dialect;
        this.windows = windows;
    }

    ProbeRule translate(String rule) {
        String text = rule.strip();
        boolean negated = false;
        if (text.startsWith("not ") || (!dialect.fiveX() && text.startsWith("NOT "))) {
            negated = true;
            text = text.substring(4).strip();
        }
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new UnsupportedRule("a rule starts with f:, d:, p:, c: or r: (optionally 'not ')");
        }
        String type = text.substring(0, colon);
        if (type.startsWith("!")) {
            throw new UnsupportedRule("'" + type + ":' is not a negation in Wazuh (the '!' is ignored); write 'not "
                    + type.substring(1) + ":'");
        }
        String body = text.substring(colon + 1);
        int arrow = body.indexOf(ARROW);
        String target = arrow < 0 ? body : body.substring(0, arrow);
        String pattern = arrow < 0 ? null : body.substring(arrow + ARROW.length());
        target = target.strip();
        if (target.isEmpty()) {
            throw new UnsupportedRule("the rule has no target after '" + type + ":'");
        }
        if (!type.equals("c")
                && !type.equals("r")
                && UNDEFINED_VARIABLE.matcher(target).find()) {
            throw new UnsupportedRule("the target uses a variable that the policy does not define: " + target);
        }
        return switch (type) {
            case "f" -> file(target, pattern, negated, rule);
            case "d" -> directory(target, pattern, negated, rule);
            case "p" -> process(target, pattern, negated, rule);
            case "c" -> command(target, pattern, negated, rule);
            case "r" -> registry(target, pattern, negated, rule);
            default -> throw new UnsupportedRule("unknown rule type '" + type + ":' (f, d, p, c and r exist)");
        };
    }

    private ProbeRule file(String target, String pattern, boolean negated, String rule) {
        ContentPattern content = pattern == null ? null : ContentPattern.parse(pattern, dialect, !dialect.fiveX());
        return rule(ProbeKind.FILE, paths(target), null, null, content, false, 0, negated, rule);
    }

    private ProbeRule directory(String target, String pattern, boolean negated, String rule) {
        if (pattern == null) {
            return rule(ProbeKind.DIRECTORY, paths(target), null, null, null, false, 0, negated, rule);
        }
        int arrow = pattern.indexOf(ARROW);
        String names = arrow < 0 ? pattern : pattern.substring(0, arrow);
        String contentText = arrow < 0 ? null : pattern.substring(arrow + ARROW.length());
        ContentPattern content =
                contentText == null ? null : ContentPattern.parse(contentText, dialect, !dialect.fiveX());
        return rule(ProbeKind.DIRECTORY, paths(target), fileNames(names), null, content, false, 0, negated, rule);
    }

    /**
     * File names: {@code r:regex} (4.x: always OS_Regex, whatever the policy's engine; 5.x: PCRE2
     * caseless) or a plain name (4.x: OS_Match, a case-insensitive substring with {@code ^ $ |};
     * 5.x: the exact name).
     */
    private String fileNames(String names) {
        if (names.contains(" && ") || names.startsWith("!")) {
            throw new UnsupportedRule("combined or negated file-name tests are not supported: " + names);
        }
        if (names.startsWith("r:")) {
            String regex = names.substring(2);
            return dialect.fiveX() ? dialect.regex(regex) : "(?i)" + OsRegex.toJava(regex);
        }
        if (dialect.fiveX()) {
            return "^" + Pattern.quote(names) + "$";
        }
        StringBuilder alternatives = new StringBuilder("(?i)");
        String[] parts = names.split("\\|", -1);
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            boolean start = part.startsWith("^");
            boolean end = part.endsWith("$") && part.length() > (start ? 1 : 0);
            String literal = part.substring(start ? 1 : 0, end ? part.length() - 1 : part.length());
            alternatives.append(i > 0 ? "|" : "").append(start ? "^" : "").append(Pattern.quote(literal));
            alternatives.append(end ? "$" : "");
        }
        return alternatives.toString();
    }

    private ProbeRule process(String target, String pattern, boolean negated, String rule) {
        if (pattern != null || target.startsWith("r:") || target.contains(" && ")) {
            throw new UnsupportedRule("process rules compare a process name or command line exactly;"
                    + " patterns on processes are not supported");
        }
        return rule(ProbeKind.PROCESS, List.of(target), null, null, null, false, 0, negated, rule);
    }

    private ProbeRule command(String target, String pattern, boolean negated, String rule) {
        CommandLine.Translation command = CommandLine.translate(target, windows);
        ContentPattern content = pattern == null ? null : ContentPattern.parse(pattern, dialect, !dialect.fiveX());
        return rule(
                ProbeKind.COMMAND,
                List.of(command.command()),
                null,
                null,
                content,
                command.shell(),
                COMMAND_TIMEOUT_SECONDS,
                negated,
                rule);
    }

    /** {@code r:KEY}, {@code r:KEY -> value name}, {@code r:KEY -> value name -> content}. */
    private ProbeRule registry(String target, String pattern, boolean negated, String rule) {
        if (pattern == null) {
            return rule(ProbeKind.REGISTRY, List.of(target), null, null, null, false, 0, negated, rule);
        }
        int arrow = pattern.indexOf(ARROW);
        String value = (arrow < 0 ? pattern : pattern.substring(0, arrow)).strip();
        if (value.startsWith("r:") || value.startsWith("!r:") || value.contains(" && ")) {
            throw new UnsupportedRule("registry value names are matched by name; patterns on names are not supported");
        }
        // Wazuh compares registry data case-insensitively in both versions.
        ContentPattern content =
                arrow < 0 ? null : ContentPattern.parse(pattern.substring(arrow + ARROW.length()), dialect, true);
        return rule(ProbeKind.REGISTRY, List.of(target), null, value, content, false, 0, negated, rule);
    }

    private static List<String> paths(String target) {
        List<String> paths = Arrays.stream(target.split(",")).map(String::strip).toList();
        if (paths.stream().anyMatch(String::isEmpty)) {
            throw new UnsupportedRule("empty path in the list '" + target + "'");
        }
        return paths;
    }

    private static ProbeRule rule(
            ProbeKind kind,
            List<String> targets,
            String namePattern,
            String registryValue,
            ContentPattern content,
            boolean shell,
            int timeout,
            boolean negated,
            String text) {
        List<ContentTest> tests = content == null ? List.of() : content.tests();
        boolean inverted = content != null && content.inverted();
        if (inverted && (kind == ProbeKind.DIRECTORY || targets.size() > 1)) {
            // 5.x asks "some file has no matching line"; the inverted probe would ask "no file has one".
            throw new UnsupportedRule("a single negated test ('no line matches') over several files is not supported");
        }
        for (ContentTest test : tests) {
            if (test.kind() != ContentTestKind.LITERAL) {
                try {
                    Pattern.compile(test.pattern());
                } catch (java.util.regex.PatternSyntaxException e) {
                    throw new UnsupportedRule("the translated expression does not compile: " + e.getDescription());
                }
            }
        }
        return new ProbeRule(
                Probes.probe(kind, targets, namePattern, registryValue, tests, shell, timeout),
                negated ^ inverted,
                text);
    }
}
