package io.tenantra.compliance.content;

import java.util.Objects;

/**
 * One comparison of an item attribute. {@code expected} is a String, a Number, a Boolean or a
 * List of those (for IN / NOT_IN); null only for EXISTS and ABSENT. {@code attribute} may be
 * {@code key} (the item's key) or a dotted path into nested maps.
 */
public record AttributeTest(String attribute, Operator operator, Object expected) {

    public AttributeTest {
        Objects.requireNonNull(attribute, "attribute");
        Objects.requireNonNull(operator, "operator");
    }
}
