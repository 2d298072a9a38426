package io.tenantra.compliance.content;

import io.tenantra.model.ContentTest;
import io.tenantra.model.ContentTestKind;
import io.tenantra.model.Probe;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The one-line text of a rule shown in evidence when the content gives none, e.g.
 * {@code sshd_setting[permitrootlogin] value equals "no"} or
 * {@code file:/etc/issue.net -> matches '\v'}. Derived from the rule alone, so parsing the same
 * rule twice gives the same text and the writer can leave it out.
 */
public final class RuleTexts {

    private RuleTexts() {}

    public static String describe(Rule rule) {
        String text = rule instanceof FactRule fact ? fact(fact) : probe(((ProbeRule) rule).probe());
        return rule.negated() ? "not " + text : text;
    }

    private static String fact(FactRule rule) {
        StringBuilder text = new StringBuilder(rule.type());
        if (rule.key() != null) {
            text.append('[').append(rule.key()).append(']');
        } else if (rule.keyPattern() != null) {
            text.append("[~").append(rule.keyPattern()).append(']');
        }
        if (!rule.where().isEmpty()) {
            text.append(" where ")
                    .append(rule.where().stream().map(RuleTexts::test).collect(Collectors.joining(" and ")));
        }
        if (rule.test() == null) {
            text.append(rule.expect() == Quantifier.NONE ? " absent" : " present");
        } else {
            text.append(rule.expect() == Quantifier.ALL ? ": " : ": " + FormatKeys.key(rule.expect()) + " ")
                    .append(test(rule.test()));
        }
        return text.toString();
    }

    /** One attribute test as text, e.g. {@code value equals "no"}. */
    public static String describeTest(AttributeTest test) {
        return test(test);
    }

    static String test(AttributeTest test) {
        String operator = FormatKeys.key(test.operator()).replace('_', ' ');
        if (test.expected() == null) {
            return test.attribute() + " " + operator;
        }
        return test.attribute() + " " + operator + " " + value(test.expected());
    }

    private static String value(Object expected) {
        if (expected instanceof List<?> list) {
            return list.stream().map(RuleTexts::value).collect(Collectors.joining(", ", "[", "]"));
        }
        return expected instanceof String s ? "\"" + s + "\"" : String.valueOf(expected);
    }

    private static String probe(Probe probe) {
        String kind = probe.kind() == io.tenantra.model.ProbeKind.FILE_STAT
                ? "stat"
                : probe.kind().name().toLowerCase(Locale.ROOT);
        StringBuilder text = new StringBuilder(kind).append(':').append(String.join(",", probe.targets()));
        if (probe.namePattern() != null) {
            text.append(" names '").append(probe.namePattern()).append('\'');
        }
        if (probe.registryValue() != null) {
            text.append(" -> ").append(probe.registryValue());
        }
        if (probe.shell()) {
            text.append(" (shell)");
        }
        for (ContentTest test : probe.tests()) {
            text.append(" -> ").append(line(test));
        }
        return text.toString();
    }

    private static String line(ContentTest test) {
        String not = test.negated() ? "not " : "";
        if (test.kind() == ContentTestKind.LITERAL) {
            return not + "equals '" + test.pattern() + "'";
        }
        if (test.kind() == ContentTestKind.REGEX) {
            return not + "matches '" + test.pattern() + "'";
        }
        return not + "number '" + test.pattern() + "' " + test.operator() + " " + test.value();
    }
}
