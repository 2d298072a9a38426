package io.tenantra.agent.probes;

import io.tenantra.model.ContentTest;
import io.tenantra.model.ContentTestKind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A probe's content tests, compiled once and applied to one line at a time: a line satisfies
 * them when it satisfies every one (a negated test: when it does not satisfy it). Lines longer
 * than {@link #MAX_LINE} characters are cut before testing, and every regex reads through the
 * probe's {@link Deadline}, so hostile content cannot make a test run unbounded.
 */
final class LineTests {

    /** Longest line tested; configuration lines are far shorter, binary junk is not worth more. */
    static final int MAX_LINE = 8192;

    private record Compiled(ContentTest test, Pattern pattern, BigDecimal number) {}

    private final List<Compiled> tests;

    private LineTests(List<Compiled> tests) {
        this.tests = tests;
    }

    /** Compiles the tests; throws {@link IllegalArgumentException} saying which one is invalid. */
    static LineTests of(List<ContentTest> tests) {
        List<Compiled> compiled = new ArrayList<>(tests.size());
        for (ContentTest test : tests) {
            Pattern pattern = null;
            BigDecimal number = null;
            if (test.kind() != ContentTestKind.LITERAL) {
                try {
                    pattern = Pattern.compile(test.pattern());
                } catch (PatternSyntaxException e) {
                    throw new IllegalArgumentException(
                            "invalid pattern '" + test.pattern() + "': " + e.getDescription());
                }
            }
            if (test.kind() == ContentTestKind.NUMERIC) {
                if (pattern.matcher("").groupCount() < 1) {
                    throw new IllegalArgumentException("numeric pattern '" + test.pattern() + "' has no capture group");
                }
                operator(test.operator()); // validates
                try {
                    number = new BigDecimal(String.valueOf(test.value()).strip());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("numeric test value '" + test.value() + "' is not a number");
                }
            }
            compiled.add(new Compiled(test, pattern, number));
        }
        return new LineTests(List.copyOf(compiled));
    }

    boolean isEmpty() {
        return tests.isEmpty();
    }

    /** True when {@code line} satisfies every test. */
    boolean satisfiedBy(String line, Deadline deadline) {
        String bounded = line.length() > MAX_LINE ? line.substring(0, MAX_LINE) : line;
        for (Compiled c : tests) {
            if (holds(c, bounded, deadline) == c.test().negated()) {
                return false;
            }
        }
        return true;
    }

    private static boolean holds(Compiled c, String line, Deadline deadline) {
        return switch (c.test().kind()) {
            case LITERAL -> line.equals(c.test().pattern());
            case REGEX -> c.pattern().matcher(deadline.guard(line)).find();
            case NUMERIC -> {
                Matcher m = c.pattern().matcher(deadline.guard(line));
                if (!m.find() || m.group(1) == null) {
                    yield false;
                }
                BigDecimal found;
                try {
                    found = new BigDecimal(m.group(1).strip());
                } catch (NumberFormatException e) {
                    yield false; // the group captured something that is not a decimal number
                }
                yield compare(found.compareTo(c.number()), operator(c.test().operator()));
            }
        };
    }

    /** The operator in its symbol form; accepts the symbols and lt le eq ne ge gt. */
    private static String operator(String operator) {
        String op = operator == null ? "" : operator.strip().toLowerCase(Locale.ROOT);
        return switch (op) {
            case "<", "lt" -> "<";
            case "<=", "le" -> "<=";
            case "==", "=", "eq" -> "==";
            case "!=", "ne" -> "!=";
            case ">=", "ge" -> ">=";
            case ">", "gt" -> ">";
            default -> throw new IllegalArgumentException("unknown numeric operator '" + operator + "'");
        };
    }

    private static boolean compare(int sign, String op) {
        return switch (op) {
            case "<" -> sign < 0;
            case "<=" -> sign <= 0;
            case "==" -> sign == 0;
            case "!=" -> sign != 0;
            case ">=" -> sign >= 0;
            default -> sign > 0;
        };
    }
}
