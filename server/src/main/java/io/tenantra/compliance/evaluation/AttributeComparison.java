package io.tenantra.compliance.evaluation;

import io.tenantra.compliance.content.AttributeTest;
import io.tenantra.compliance.content.Operator;
import io.tenantra.model.Item;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Applies one {@link AttributeTest} to one item. Equality is by text, except that a number
 * written as a number in content equals any observed value that parses to the same number
 * ({@code 1} equals {@code "1.0"}); ordering operators need numbers on both sides and make the
 * rule an error otherwise. An item without the attribute satisfies only the negative operators
 * ({@code not_equals}, {@code not_matches}, {@code not_in}, {@code not_contains}, {@code absent}).
 */
final class AttributeComparison {

    /** What the test came to on one item, and the value observed there (for evidence). */
    record Result(Outcome outcome, String observed, String error) {}

    private static final int PATTERN_CACHE_LIMIT = 4096;

    // Content regexes are few and reused across every asset: compile each once.
    private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();

    private AttributeComparison() {}

    static Result apply(AttributeTest test, Item item) {
        Object observed = attribute(item, test.attribute());
        String shown = text(observed);
        Operator operator = test.operator();
        if (observed == null) {
            boolean held = switch (operator) {
                case NOT_EQUALS, NOT_MATCHES, NOT_IN, NOT_CONTAINS, ABSENT -> true;
                default -> false;
            };
            return new Result(Outcome.of(held), "(no " + test.attribute() + ")", null);
        }
        if (operator == Operator.EXISTS || operator == Operator.ABSENT) {
            return new Result(Outcome.of(operator == Operator.EXISTS), shown, null);
        }
        if (operator == Operator.CONTAINS || operator == Operator.NOT_CONTAINS) {
            if (observed instanceof Map<?, ?>) {
                return error(shown, test.attribute() + " is a mapping; contains needs a list or text");
            }
            boolean contains = observed instanceof Collection<?> list
                    ? list.stream().anyMatch(element -> same(element, test.expected()))
                    : shown.contains(text(test.expected()));
            return new Result(Outcome.of(contains == (operator == Operator.CONTAINS)), shown, null);
        }
        if (observed instanceof Collection<?> || observed instanceof Map<?, ?>) {
            return error(
                    shown,
                    test.attribute() + " is a " + (observed instanceof Map<?, ?> ? "mapping" : "list") + "; "
                            + key(operator) + " compares single values (use contains)");
        }
        return switch (operator) {
            case EQUALS -> new Result(Outcome.of(same(observed, test.expected())), shown, null);
            case NOT_EQUALS -> new Result(Outcome.of(!same(observed, test.expected())), shown, null);
            case MATCHES, NOT_MATCHES -> matches(operator, test, shown);
            case IN -> new Result(Outcome.of(in(observed, test.expected())), shown, null);
            case NOT_IN -> new Result(Outcome.of(!in(observed, test.expected())), shown, null);
            case LT, LE, GT, GE -> numeric(operator, observed, test.expected(), shown);
            default -> version(operator, item, shown, test.expected());
        };
    }

    /** The attribute's value: the item key for {@code key}, else a dotted path through nested mappings. */
    static Object attribute(Item item, String path) {
        if (path.equals("key")) {
            return item.key();
        }
        Object value = item.attributes().get(path);
        if (value != null || !path.contains(".")) {
            return value;
        }
        Object current = item.attributes();
        for (String part : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(part);
        }
        return current;
    }

    private static Result matches(Operator operator, AttributeTest test, String shown) {
        Pattern pattern;
        try {
            pattern = pattern(test);
        } catch (java.util.regex.PatternSyntaxException e) {
            return error(shown, "the rule's pattern is not a valid regular expression: " + e.getDescription());
        }
        return new Result(Outcome.of(pattern.matcher(shown).find() == (operator == Operator.MATCHES)), shown, null);
    }

    private static Result numeric(Operator operator, Object observed, Object expected, String shown) {
        BigDecimal left = number(observed);
        BigDecimal right = number(expected);
        if (left == null) {
            return error(shown, "observed '" + shown + "' is not a number");
        }
        if (right == null) {
            return error(shown, "expected '" + text(expected) + "' is not a number");
        }
        int order = left.compareTo(right);
        boolean held = switch (operator) {
            case LT -> order < 0;
            case LE -> order <= 0;
            case GT -> order > 0;
            default -> order >= 0;
        };
        return new Result(Outcome.of(held), shown, null);
    }

    private static Result version(Operator operator, Item item, String shown, Object expected) {
        Object manager = item.attributes().get("manager");
        if (!PackageVersions.supports(manager == null ? null : manager.toString())) {
            return error(
                    shown, "no version ordering for package manager '" + manager + "' (dpkg and rpm are supported)");
        }
        int order = PackageVersions.compare(manager.toString(), shown, text(expected));
        boolean held = switch (operator) {
            case VERSION_LT -> order < 0;
            case VERSION_LE -> order <= 0;
            case VERSION_GT -> order > 0;
            default -> order >= 0;
        };
        return new Result(Outcome.of(held), shown, null);
    }

    private static boolean in(Object observed, Object expected) {
        // A loop, not a stream: this runs for every item of every IN rule on every asset of a fleet.
        if (expected instanceof List<?> values) {
            for (Object value : values) {
                if (same(observed, value)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Equal as numbers when content wrote a number and the observation is one; else equal as text. */
    static boolean same(Object observed, Object expected) {
        if (expected instanceof Number) {
            BigDecimal left = number(observed);
            if (left != null) {
                return left.compareTo(number(expected)) == 0;
            }
        }
        return text(observed).equals(text(expected));
    }

    static BigDecimal number(Object value) {
        if (value instanceof Number || value instanceof String) {
            try {
                return new BigDecimal(value.toString().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** An observed or expected value as text: numbers without a spurious {@code .0}. */
    static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
            BigDecimal number = number(value);
            return number == null
                    ? value.toString()
                    : number.stripTrailingZeros().toPlainString();
        }
        return value.toString();
    }

    private static Pattern pattern(AttributeTest test) {
        return compiled(text(test.expected()));
    }

    /** A compiled regular expression, cached: the same content runs over thousands of assets. */
    static Pattern compiled(String regex) {
        Pattern pattern = PATTERNS.get(regex);
        if (pattern == null) {
            if (PATTERNS.size() >= PATTERN_CACHE_LIMIT) {
                PATTERNS.clear();
            }
            pattern = Pattern.compile(regex);
            PATTERNS.put(regex, pattern);
        }
        return pattern;
    }

    private static Result error(String shown, String message) {
        return new Result(Outcome.ERROR, shown, message);
    }

    private static String key(Operator operator) {
        return operator.name().toLowerCase(java.util.Locale.ROOT);
    }
}
