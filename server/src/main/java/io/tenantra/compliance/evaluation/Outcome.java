package io.tenantra.compliance.evaluation;

/**
 * What one rule (or one item under a rule's test) came to, before rules are combined into a
 * verdict. ERROR and NOT_APPLICABLE are never inverted by a rule's {@code not}.
 */
enum Outcome {
    HELD,
    NOT_HELD,
    ERROR,
    NOT_APPLICABLE;

    Outcome negate() {
        return switch (this) {
            case HELD -> NOT_HELD;
            case NOT_HELD -> HELD;
            default -> this;
        };
    }

    static Outcome of(boolean held) {
        return held ? HELD : NOT_HELD;
    }
}
