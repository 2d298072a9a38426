package io.tenantra.compliance.content;

import java.util.List;
import java.util.Objects;

/**
 * A rule over collected items: select the items of {@code type} (optionally one {@code key}, keys
 * matching {@code keyPattern}, and those satisfying every {@code where} test), then apply
 * {@code test} to each and require {@code expect} of them to satisfy it. With no items selected
 * the rule's outcome is {@code whenMissing}. A null {@code test} means "the item exists", so
 * {@code expect: none} over a selection says "no such item".
 *
 * @param module the agent module that reports {@code type}: a result only counts when that
 *     module ran (otherwise the rule is an error, not a pass)
 */
public record FactRule(
        String module,
        String type,
        String key,
        String keyPattern,
        List<AttributeTest> where,
        AttributeTest test,
        Quantifier expect,
        MissingItems whenMissing,
        boolean negated,
        String text)
        implements Rule {

    /** The outcome of a fact rule that selected no item. */
    public enum MissingItems {
        PASS,
        FAIL,
        NOT_APPLICABLE
    }

    public FactRule {
        Objects.requireNonNull(type, "type");
        where = where == null ? List.of() : List.copyOf(where);
        expect = expect == null ? Quantifier.ALL : expect;
        whenMissing = whenMissing == null ? MissingItems.FAIL : whenMissing;
    }
}
