package io.tenantra.compliance.content;

import java.math.BigInteger;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A constraint on an operating system's {@code VERSION_ID} such as {@code ">=12"} or
 * {@code "<9.2"}: one operator ({@code =, !=, <, <=, >, >=}; none means {@code =}) and a dotted
 * number. Versions compare component by component as numbers, a missing component counting as 0,
 * so {@code 22.04} satisfies {@code >=22} and {@code 12} equals {@code 12.0}.
 */
public record VersionConstraint(String operator, String version) {

    private static final Pattern SYNTAX = Pattern.compile("\\s*(=|!=|<=|>=|<|>)?\\s*(\\d+(?:\\.\\d+)*)\\s*");
    private static final Pattern DOTTED = Pattern.compile("\\d+(?:\\.\\d+)*");

    /** The constraint {@code text} spells, or empty when it is not one. */
    public static Optional<VersionConstraint> parse(String text) {
        Matcher matcher = SYNTAX.matcher(text == null ? "" : text);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        return Optional.of(new VersionConstraint(matcher.group(1) == null ? "=" : matcher.group(1), matcher.group(2)));
    }

    /**
     * Whether {@code actual} satisfies the constraint; empty when {@code actual} is no dotted
     * number (a rolling release without a version, say), so the caller can say so.
     */
    public Optional<Boolean> test(String actual) {
        if (actual == null || !DOTTED.matcher(actual.trim()).matches()) {
            return Optional.empty();
        }
        int order = compare(actual.trim(), version);
        boolean holds = switch (operator) {
            case "!=" -> order != 0;
            case "<" -> order < 0;
            case "<=" -> order <= 0;
            case ">" -> order > 0;
            case ">=" -> order >= 0;
            default -> order == 0;
        };
        return Optional.of(holds);
    }

    static int compare(String a, String b) {
        String[] left = a.split("\\.");
        String[] right = b.split("\\.");
        for (int i = 0; i < Math.max(left.length, right.length); i++) {
            BigInteger l = i < left.length ? new BigInteger(left[i]) : BigInteger.ZERO;
            BigInteger r = i < right.length ? new BigInteger(right[i]) : BigInteger.ZERO;
            int order = l.compareTo(r);
            if (order != 0) {
                return order;
            }
        }
        return 0;
    }

    @Override
    public String toString() {
        return operator + version;
    }
}
