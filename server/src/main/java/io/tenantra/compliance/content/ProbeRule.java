package io.tenantra.compliance.content;

import io.tenantra.model.Probe;
import java.util.Objects;

/**
 * A rule the agent answers by running {@code probe}. The rule holds when the probe is FOUND (or
 * NOT_FOUND when {@code negated}); an ERROR or REFUSED answer makes the rule an error.
 */
public record ProbeRule(Probe probe, boolean negated, String text) implements Rule {

    public ProbeRule {
        Objects.requireNonNull(probe, "probe");
    }
}
