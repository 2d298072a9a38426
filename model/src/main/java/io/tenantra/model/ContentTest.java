package io.tenantra.model;

import java.util.Objects;

/**
 * One test applied to one line. A probe's tests are AND-ed over the same line: the probe finds
 * something when at least one line satisfies all of them.
 *
 * @param negated the line must NOT satisfy the test ({@code !r:} in SCA content)
 * @param operator for {@link ContentTestKind#NUMERIC} only
 * @param value for {@link ContentTestKind#NUMERIC} only: the number to compare with, as text
 */
public record ContentTest(boolean negated, ContentTestKind kind, String pattern, String operator, String value) {

    public ContentTest {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(pattern, "pattern");
    }

    public static ContentTest regex(String pattern) {
        return new ContentTest(false, ContentTestKind.REGEX, pattern, null, null);
    }
}
