package io.tenantra.compliance.content;

/**
 * How a fact rule compares an item attribute with the expected value. Numeric operators compare
 * as numbers (both sides must parse, otherwise the rule is an error); version operators use the
 * package manager's ordering (dpkg or rpm, from the item's {@code manager}).
 */
public enum Operator {
    EQUALS,
    NOT_EQUALS,
    MATCHES,
    NOT_MATCHES,
    LT,
    LE,
    GT,
    GE,
    IN,
    NOT_IN,
    CONTAINS,
    NOT_CONTAINS,
    EXISTS,
    ABSENT,
    VERSION_LT,
    VERSION_LE,
    VERSION_GE,
    VERSION_GT
}
