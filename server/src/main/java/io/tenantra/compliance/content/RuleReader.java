package io.tenantra.compliance.content;

import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads the rules of {@code tenantra/checks@1}: {@code fact:} rules (selection, one operator,
 * quantifier, outcome when nothing is selected) here, {@code probe:} rules in {@link ProbeReader}.
 * Every problem is reported with its field path; a rule with a problem yields null.
 */
final class RuleReader {

    private final YamlFields yaml;
    private final ProbeReader probes;

    RuleReader(YamlFields yaml, Variables variables) {
        this.yaml = yaml;
        this.probes = new ProbeReader(yaml, variables);
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
        ProbeRule rule = probes.probe(fields.get("probe"), fields.path("probe"), negated);
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
            yaml.regex(keyPattern, f.get("key_matches"), f.path("key_matches"));
        }
        if (key != null && keyPattern != null) {
            yaml.error(f.keyNode("key_matches"), f.path("key_matches"), "use key or key_matches, not both");
        }
        List<AttributeTest> where = f.has("where") ? where(f.get("where"), f.path("where")) : List.of();
        AttributeTest test = test(f);
        Quantifier expect =
                f.has("expect") ? yaml.enumValue(Quantifier.class, f.get("expect"), f.path("expect")) : null;
        expect = expect == null ? Quantifier.ALL : expect;
        FactRule.MissingItems missing = f.has("missing")
                ? yaml.enumValue(FactRule.MissingItems.class, f.get("missing"), f.path("missing"))
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
                return text != null && yaml.regex(text, node, path) ? text : null;
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
}
