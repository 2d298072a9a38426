package io.tenantra.model;

/** How one {@link ContentTest} judges a line of content. */
public enum ContentTestKind {
    /** The line equals the pattern exactly (after trimming the line ending). */
    LITERAL,
    /** A Java regular expression found anywhere in the line (PCRE-like; see docs/compliance.md). */
    REGEX,
    /**
     * The pattern's first capturing group is a number that compares with {@link ContentTest#value()}
     * by {@link ContentTest#operator()} ({@code <, <=, ==, !=, >=, >}).
     */
    NUMERIC
}
