package io.tenantra.compliance.content;

/**
 * One rule of a check: a {@link FactRule} judged on the server over collected facts, or a
 * {@link ProbeRule} the agent answers. {@code text} is the rule as written (shown in evidence).
 */
public sealed interface Rule permits FactRule, ProbeRule {

    /** The rule holds when its test does NOT (SCA {@code not}). */
    boolean negated();

    String text();
}
