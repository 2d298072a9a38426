package io.tenantra.compliance.content;

import io.tenantra.model.ContentTest;
import io.tenantra.model.ContentTestKind;
import io.tenantra.model.ProbeKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads the rules of {@code tenantra/checks@1}: {@code fact:} rules (selection, one operator,
 * quantifier, outcome when nothing is selected) and {@code probe:} rules (one probe kind and its
 * line tests). Every problem is reported with its field path; a rule with a problem yields null.
 */
final class RuleReader {

    /** Default and ceiling of a command probe's time limit, in seconds. */
    static final int DEFAULT_TIMEOUT = Probes.DEFAULT_COMMAND_TIMEOUT;

    static final int MAX_TIMEOUT = 600;

    private final YamlFields yaml;
    private final Variables variables;

    RuleReader(YamlFields yaml, Variables variables) {
        this.yaml = yaml;
        this.variables = variables;
    }

    List<Rule> rules(Node node, String path) {
        List<Node> nodes = yaml.sequence(node, path, false);
        List<Rule> rules = new ArrayList<>();
        if (nodes == null) {
            return rules;
        }
        for (int i = 0; i < nodes.size(); i++) {
            Rule rule = rule(nodes.get(i), YamlFields.index(path, i));
            if (rule != null) {
                rules.add(rule);
            }
        }
        return rules;
    }

    Rule rule(Node node, String path) {
        YamlFields.Fields fields = yaml.mapping(node, path, FormatKeys.RULE);
        if (fields == null) {
            return null;
        }
        boolean negated = fields.has("not") && Boolean.TRUE.equals(yaml.bool(fields.get("not"), fields.path("not")));
        String text = fields.text("text", false, false);
        if (fields.has("fact") == fields.has("probe")) {
            yaml.error(node, path, "needs exactly one of fact or probe");
            return null;
        }
        if (fields.has("fact")) {
            FactRule rule = fact(fields.get("fact"), fields.path("fact"), negated);
            return rule == null ? null : text == null ? rule : withText(rule, text);
        }
        ProbeRule rule = probe(fields.get("probe"), fields.path("probe"), negated);
        return rule == null ? null : new ProbeRule(rule.probe(), negated, text == null ? rule.text() : text);
    }

    private static FactRule withText(FactRule r, String text) {
        return new FactRule(
                r.module(),
                r.type(),
                r.key(),
                r.keyPattern(),
                r.where(),
                r.test(),
                r.expect(),
                r.whenMissing(),
                r.negated(),
                text);
    }

    private FactRule fact(Node node, String path, boolean negated) {
        YamlFields.Fields f = yaml.mapping(node, path, FormatKeys.FACT);
        if (f == null) {
            return null;
        }
        int before = yaml.problems().size();
        String module = f.text("module", true, false);
        String type = f.text("type", true, false);
        String key = f.text("key", false, false);
        String keyPattern = f.text("key_matches", false, false);
        if (keyPattern != null) {
            regex(keyPattern, f.get("key_matches"), f.path("key_matches"));
        }
        if (key != null && keyPattern != null) {
            yaml.error(f.keyNode("key_matches"), f.path("key_matches"), "use key or key_matches, not both");
        }
        List<AttributeTest> where = f.has("where") ? where(f.get("where"), f.path("where")) : List.of();
        AttributeTest test = test(f);
        Quantifier expect = f.has("expect") ? enumValue(Quantifier.class, f.get("expect"), f.path("expect")) : null;
        expect = expect == null ? Quantifier.ALL : expect;
        FactRule.MissingItems missing = f.has("missing")
                ? enumValue(FactRule.MissingItems.class, f.get("missing"), f.path("missing"))
                : defaultMissing(expect);
        if (yaml.problems().size() > before || type == null) {
            return null;
        }
        FactRule rule = new FactRule(module, type, key, keyPattern, where, test, expect, missing, negated, null);
        return withText(rule, RuleTexts.describe(rule));
    }

    /** "None of the items" holds vacuously when there are none; every other quantifier needs items. */
    static FactRule.MissingItems defaultMissing(Quantifier expect) {
        return expect == Quantifier.NONE ? FactRule.MissingItems.PASS : FactRule.MissingItems.FAIL;
    }

    private AttributeTest test(YamlFields.Fields f) {
        List<String> operators =
                f.present().stream().filter(FormatKeys.OPERATORS::containsKey).toList();
        if (operators.size() > 1) {
            yaml.error(
                    f.keyNode(operators.get(1)),
                    f.path(operators.get(1)),
                    "only one operator per rule (found " + String.join(", ", operators) + ")");
            return null;
        }
        String attribute = f.text("attribute", false, false);
        if (operators.isEmpty()) {
            if (attribute != null) {
                yaml.error(
                        f.keyNode("attribute"),
                        f.path("attribute"),
                        "attribute needs an operator (equals, matches, lt, …)");
            }
            return null;
        }
        String name = operators.get(0);
        if (attribute == null) {
            f.require("attribute");
            return null;
        }
        Operator operator = FormatKeys.OPERATORS.get(name);
        Object expected = expected(operator, f.get(name), f.path(name));
        return expected == null && !(operator == Operator.EXISTS || operator == Operator.ABSENT)
                ? null
                : new AttributeTest(attribute, operator, expected);
    }

    private List<AttributeTest> where(Node node, String path) {
        YamlFields.Fields f = yaml.mapping(node, path, null);
        List<AttributeTest> tests = new ArrayList<>();
        if (f == null) {
            return tests;
        }
        for (String attribute : f.present()) {
            Node value = f.get(attribute);
            String attributePath = f.path(attribute);
            if (yaml.text(f.keyNode(attribute), attributePath, false) == null) {
                continue;
            }
            if (value instanceof ScalarNode) {
                Object expected = yaml.scalarValue(value, attributePath);
                if (expected != null) {
                    tests.add(new AttributeTest(attribute, Operator.EQUALS, expected));
                }
                continue;
            }
            YamlFields.Fields op = yaml.mapping(value, attributePath, FormatKeys.OPERATORS.keySet());
            if (op == null) {
                continue;
            }
            if (op.present().size() != 1) {
                yaml.error(value, attributePath, "needs exactly one operator");
                continue;
            }
            String name = op.present().iterator().next();
            Operator operator = FormatKeys.OPERATORS.get(name);
            Object expected = expected(operator, op.get(name), op.path(name));
            if (expected != null || operator == Operator.EXISTS || operator == Operator.ABSENT) {
                tests.add(new AttributeTest(attribute, operator, expected));
            }
        }
        return tests;
    }

    /** The value an operator compares with, checked for its kind; null (reported) when wrong. */
    private Object expected(Operator operator, Node node, String path) {
        switch (operator) {
            case EXISTS, ABSENT -> {
                Boolean flag = yaml.bool(node, path);
                if (Boolean.FALSE.equals(flag)) {
                    yaml.error(
                            node,
                            path,
                            "must be true (write " + (operator == Operator.EXISTS ? "absent" : "exists")
                                    + ": true for the opposite)");
                }
                return null;
            }
            case MATCHES, NOT_MATCHES -> {
                String text = yaml.text(node, path, false);
                return text != null && regex(text, node, path) ? text : null;
            }
            case LT, LE, GT, GE -> {
                Object value = yaml.scalarValue(node, path);
                Number number = value instanceof Number n ? n : value instanceof String s ? Numbers.parse(s) : null;
                if (value != null && number == null) {
                    yaml.error(node, path, "must be a number, not '" + value + "'");
                }
                return number;
            }
            case IN, NOT_IN -> {
                List<Node> nodes = yaml.sequence(node, path, false);
                if (nodes == null) {
                    return null;
                }
                if (nodes.isEmpty()) {
                    yaml.error(node, path, "must list at least one value");
                    return null;
                }
                List<Object> values = new ArrayList<>();
                for (int i = 0; i < nodes.size(); i++) {
                    Object value = yaml.scalarValue(nodes.get(i), YamlFields.index(path, i));
                    if (value == null) {
                        return null;
                    }
                    values.add(value);
                }
                return List.copyOf(values);
            }
            case VERSION_LT, VERSION_LE, VERSION_GE, VERSION_GT -> {
                return yaml.text(node, path, false);
            }
            default -> {
                return yaml.scalarValue(node, path);
            }
        }
    }

    private ProbeRule probe(Node node, String path, boolean negated) {
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
            regex(names, f.get("names"), f.path("names"));
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
            if (!regex(pattern, f.get(kindKey), f.path(kindKey))) {
                return null;
            }
            return new ContentTest(
                    negated != kindKey.equals("not_matches"), ContentTestKind.REGEX, pattern, null, null);
        }
        if (!regex(pattern, f.get(kindKey), f.path(kindKey))) {
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

    /** Whether {@code regex} compiles as a Java pattern; reports the compiler's complaint if not. */
    boolean regex(String regex, Node node, String path) {
        try {
            Pattern.compile(regex);
            return true;
        } catch (PatternSyntaxException e) {
            yaml.error(
                    node,
                    path,
                    "is not a valid regular expression: " + e.getDescription() + " near index " + e.getIndex());
            return false;
        }
    }

    <E extends Enum<E>> E enumValue(Class<E> type, Node node, String path) {
        String text = yaml.text(node, path, false);
        if (text == null) {
            return null;
        }
        for (E value : type.getEnumConstants()) {
            if (FormatKeys.key(value).equals(text)) {
                return value;
            }
        }
        List<String> allowed = java.util.Arrays.stream(type.getEnumConstants())
                .map(FormatKeys::key)
                .toList();
        yaml.error(node, path, "must be one of " + String.join(", ", allowed) + ", not '" + text + "'");
        return null;
    }
}
