package io.tenantra.compliance.content.wazuh;

import io.tenantra.model.ContentTest;
import io.tenantra.model.ContentTestKind;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The content part of a Wazuh rule (after {@code ->}): parts joined by {@code &&}, each {@code r:}
 * regex, {@code n:regex compare OP N}, or a literal line, any of them negated by a leading
 * {@code !}. It becomes the probe's content tests, which the agent ANDs over one line.
 *
 * <p>{@code inverted} is Wazuh 5.x's special case: a pattern that is a single negated part means
 * "no line matches it" (not "some line does not match it", which is what 4.x and our AND-over-a-
 * line mean). It is expressed as the positive test with the rule's outcome inverted.
 */
record ContentPattern(List<ContentTest> tests, boolean inverted) {

    private static final Pattern NUMERIC = Pattern.compile("^(.*) compare ([^\\s\\d-]+)( ?)(\\S+)$");
    private static final Pattern V4_OPERATOR = Pattern.compile("^(==?|\\\\?!=|<=|>=|<|>)$");
    private static final Pattern V5_OPERATOR = Pattern.compile("^(==|!=|<=|>=|<|>)$");

    /**
     * @param caseInsensitiveLiterals literal lines compare ignoring case (4.x everywhere, and the
     *     registry in 5.x)
     */
    static ContentPattern parse(String pattern, Dialect dialect, boolean caseInsensitiveLiterals) {
        boolean split = !dialect.fiveX() || startsWithTest(pattern);
        if (!split) {
            if (pattern.contains(" && ")) {
                throw new UnsupportedRule(
                        "Wazuh 5.x compares '" + pattern + "' as one literal line because it does"
                                + " not start with r: or n:, so '&&' is not a conjunction here; start it with r: to combine tests");
            }
            return new ContentPattern(List.of(literal(false, pattern, caseInsensitiveLiterals)), false);
        }
        List<ContentTest> tests = new ArrayList<>();
        for (String part : pattern.split(" && ", -1)) {
            if (part.isEmpty() || part.equals("!")) {
                throw new UnsupportedRule("empty test between '&&' in '" + pattern + "'");
            }
            boolean negated = part.startsWith("!");
            String body = negated ? part.substring(1) : part;
            tests.add(test(negated, body, dialect, caseInsensitiveLiterals));
        }
        if (dialect.fiveX() && tests.size() == 1 && tests.get(0).negated()) {
            ContentTest only = tests.get(0);
            return new ContentPattern(
                    List.of(new ContentTest(false, only.kind(), only.pattern(), only.operator(), only.value())), true);
        }
        return new ContentPattern(tests, false);
    }

    private static boolean startsWithTest(String pattern) {
        return pattern.startsWith("r:")
                || pattern.startsWith("!r:")
                || pattern.startsWith("n:")
                || pattern.startsWith("!n:");
    }

    private static ContentTest test(boolean negated, String body, Dialect dialect, boolean caseInsensitiveLiterals) {
        if (body.startsWith("r:")) {
            return new ContentTest(negated, ContentTestKind.REGEX, dialect.regex(body.substring(2)), null, null);
        }
        if (body.startsWith("n:")) {
            return numeric(negated, body.substring(2), dialect);
        }
        return literal(negated, body, caseInsensitiveLiterals);
    }

    private static ContentTest literal(boolean negated, String text, boolean caseInsensitive) {
        return caseInsensitive
                ? new ContentTest(negated, ContentTestKind.REGEX, Dialect.caseInsensitiveLine(text), null, null)
                : new ContentTest(negated, ContentTestKind.LITERAL, text, null, null);
    }

    private static ContentTest numeric(boolean negated, String expression, Dialect dialect) {
        Matcher m = NUMERIC.matcher(expression);
        if (!m.matches()) {
            throw new UnsupportedRule("a numeric test needs 'n:<regex> compare <operator> <number>': n:" + expression);
        }
        String operator = m.group(2);
        String value = m.group(4);
        if (dialect.fiveX()) {
            if (!V5_OPERATOR.matcher(operator).matches() || m.group(3).isEmpty()) {
                throw new UnsupportedRule(
                        "Wazuh 5.x accepts only < <= == != >= > followed by a space in 'compare', not '" + operator
                                + m.group(3) + value + "'");
            }
            if (!value.matches("-?\\d{1,9}")) {
                throw new UnsupportedRule("the number to compare with must be an integer, not '" + value + "'");
            }
        } else {
            if (!V4_OPERATOR.matcher(operator).matches()) {
                throw new UnsupportedRule("Wazuh 4.x reads '" + operator + "' in 'compare' by its first character,"
                        + " which is not what it says (write >= or <=)");
            }
            if (!value.matches("\\d{1,9}")) {
                throw new UnsupportedRule("Wazuh 4.x reads only the digits of '" + value + "'; write a plain integer");
            }
            operator = operator.startsWith("=") ? "==" : operator.replace("\\", "");
        }
        String regex = dialect.regex(m.group(1));
        if (Pattern.compile(regex).matcher("").groupCount() == 0) {
            if (!dialect.fiveX()) {
                throw new UnsupportedRule("Wazuh 4.x needs a capture group around the number: n:" + expression);
            }
            // 5.x compares the whole match when the pattern has no group: make it the first group.
            regex = regex.startsWith("(?i)") ? "(?i)(" + regex.substring(4) + ")" : "(" + regex + ")";
        }
        return new ContentTest(negated, ContentTestKind.NUMERIC, regex, operator, value);
    }
}
