package io.tenantra.compliance.content;

import io.tenantra.model.ContentTest;
import io.tenantra.model.ContentTestKind;
import io.tenantra.model.ProbeKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads {@code probe:} rules: exactly one probe kind with its target, the options that kind
 * takes (file names, registry value, shell and time limit) and its line tests. Variables are
 * substituted into targets and patterns here, before the probe's id is derived, so the id names
 * what the agent will actually run.
 */
final class ProbeReader {

    /** Default and ceiling of a command probe's time limit, in seconds. */
    static final int DEFAULT_TIMEOUT = Probes.DEFAULT_COMMAND_TIMEOUT;

    static final int MAX_TIMEOUT = 600;

    private final YamlFields yaml;
    private final Variables variables;

    ProbeReader(YamlFields yaml, Variables variables) {
        this.yaml = yaml;
        this.variables = variables;
    }

    ProbeRule probe(Node node, String path, boolean negated) {
        YamlFields.Fields f = yaml.mapping(node, path, FormatKeys.PROBE);
        if (f == null) {
            return null;
        }
        List<String> kinds =
                f.present().stream().filter(FormatKeys.PROBE_KINDS::contains).toList();
        if (kinds.size() != 1) {
            yaml.error(
                    node,
                    path,
                    "needs exactly one of " + String.join(", ", new java.util.TreeSet<>(FormatKeys.PROBE_KINDS))
                            + (kinds.isEmpty() ? "" : " (found " + String.join(", ", kinds) + ")"));
            return null;
        }
        int before = yaml.problems().size();
        String kindKey = kinds.get(0);
        ProbeKind kind = switch (kindKey) {
            case "file" -> ProbeKind.FILE;
            case "directory" -> ProbeKind.DIRECTORY;
            case "process" -> ProbeKind.PROCESS;
            case "command" -> ProbeKind.COMMAND;
            case "registry" -> ProbeKind.REGISTRY;
            default -> ProbeKind.FILE_STAT;
        };
        onlyWith(f, "names", ProbeKind.DIRECTORY, kind);
        onlyWith(f, "shell", ProbeKind.COMMAND, kind);
        onlyWith(f, "timeout", ProbeKind.COMMAND, kind);
        onlyWith(f, "value", ProbeKind.REGISTRY, kind);
        if (kind == ProbeKind.PROCESS && f.has("lines")) {
            yaml.error(f.keyNode("lines"), f.path("lines"), "a process probe has no lines to test");
        }
        List<String> targets = new ArrayList<>();
        List<String> written = f.texts(kindKey, true);
        if (kind != ProbeKind.FILE && f.get(kindKey) != null && !(f.get(kindKey) instanceof ScalarNode)) {
            yaml.error(f.get(kindKey), f.path(kindKey), "must be one " + kindKey);
        }
        for (String target : written) {
            targets.add(variables.substitute(target, f.get(kindKey), f.path(kindKey)));
        }
        if (targets.isEmpty() && yaml.problems().size() == before) {
            yaml.error(f.get(kindKey), f.path(kindKey), "must name at least one target");
        }
        String names = variables.substitute(f.text("names", false, false), f.get("names"), f.path("names"));
        if (names != null) {
            yaml.regex(names, f.get("names"), f.path("names"));
        }
        String value = variables.substitute(f.text("value", false, false), f.get("value"), f.path("value"));
        boolean shell = f.has("shell") && Boolean.TRUE.equals(yaml.bool(f.get("shell"), f.path("shell")));
        int timeout = 0;
        if (kind == ProbeKind.COMMAND) {
            Integer writtenTimeout =
                    f.has("timeout") ? yaml.integer(f.get("timeout"), f.path("timeout"), 1, MAX_TIMEOUT) : null;
            timeout = writtenTimeout == null ? DEFAULT_TIMEOUT : writtenTimeout;
        }
        List<ContentTest> tests = f.has("lines") ? lines(f.get("lines"), f.path("lines")) : List.of();
        if (yaml.problems().size() > before) {
            return null;
        }
        ProbeRule rule = new ProbeRule(Probes.probe(kind, targets, names, value, tests, shell, timeout), negated, null);
        return new ProbeRule(rule.probe(), negated, RuleTexts.describe(rule));
    }

    private void onlyWith(YamlFields.Fields f, String key, ProbeKind owner, ProbeKind kind) {
        if (f.has(key) && kind != owner) {
            yaml.error(
                    f.keyNode(key),
                    f.path(key),
                    key + " belongs to " + owner.name().toLowerCase(Locale.ROOT).replace("file_stat", "stat")
                            + " probes only");
        }
    }

    private List<ContentTest> lines(Node node, String path) {
        List<Node> nodes = yaml.sequence(node, path, false);
        List<ContentTest> tests = new ArrayList<>();
        if (nodes == null) {
            return tests;
        }
        for (int i = 0; i < nodes.size(); i++) {
            ContentTest test = line(nodes.get(i), YamlFields.index(path, i));
            if (test != null) {
                tests.add(test);
            }
        }
        return tests;
    }

    private ContentTest line(Node node, String path) {
        YamlFields.Fields f = yaml.mapping(node, path, FormatKeys.LINE);
        if (f == null) {
            return null;
        }
        List<String> kinds = f.present().stream()
                .filter(k -> k.equals("equals") || k.equals("matches") || k.equals("not_matches") || k.equals("number"))
                .toList();
        List<String> comparisons =
                f.present().stream().filter(FormatKeys.LINE_NUMERIC::contains).toList();
        if (kinds.size() != 1) {
            yaml.error(node, path, "needs exactly one of equals, matches, not_matches, number");
            return null;
        }
        String kindKey = kinds.get(0);
        boolean negated = f.has("not") && Boolean.TRUE.equals(yaml.bool(f.get("not"), f.path("not")));
        String pattern = variables.substitute(f.text(kindKey, true, false), f.get(kindKey), f.path(kindKey));
        if (pattern == null) {
            return null;
        }
        if (!kindKey.equals("number")) {
            if (!comparisons.isEmpty()) {
                yaml.error(
                        f.keyNode(comparisons.get(0)),
                        f.path(comparisons.get(0)),
                        "comparisons belong to number tests");
                return null;
            }
            if (kindKey.equals("equals")) {
                return new ContentTest(negated, ContentTestKind.LITERAL, pattern, null, null);
            }
            if (!yaml.regex(pattern, f.get(kindKey), f.path(kindKey))) {
                return null;
            }
            return new ContentTest(
                    negated != kindKey.equals("not_matches"), ContentTestKind.REGEX, pattern, null, null);
        }
        if (!yaml.regex(pattern, f.get(kindKey), f.path(kindKey))) {
            return null;
        }
        if (Pattern.compile(pattern).matcher("").groupCount() < 1) {
            yaml.error(f.get(kindKey), f.path(kindKey), "needs a capturing group ( ) around the number");
            return null;
        }
        if (comparisons.size() != 1) {
            yaml.error(node, path, "a number test needs exactly one of lt, le, gt, ge, eq, ne");
            return null;
        }
        String comparison = comparisons.get(0);
        Object value = yaml.scalarValue(f.get(comparison), f.path(comparison));
        Number number = value instanceof Number n ? n : value instanceof String s ? Numbers.parse(s) : null;
        if (number == null) {
            if (value != null) {
                yaml.error(f.get(comparison), f.path(comparison), "must be a number, not '" + value + "'");
            }
            return null;
        }
        return new ContentTest(
                negated,
                ContentTestKind.NUMERIC,
                pattern,
                FormatKeys.LINE_OPERATORS.get(comparison),
                number.toString());
    }
}
