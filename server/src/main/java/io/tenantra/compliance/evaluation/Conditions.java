package io.tenantra.compliance.evaluation;

import io.tenantra.compliance.content.Condition;
import java.util.Collection;

/**
 * Combines outcomes by a condition or a quantifier (the same three words, the same meaning as
 * in SCA content): {@code all} — every one holds, an error makes it an error before a failure
 * makes it a failure; {@code any} — one holding suffices, otherwise an error beats a failure;
 * {@code none} — one holding fails it, otherwise an error beats a pass. A NOT_APPLICABLE
 * outcome makes the whole combination not applicable: the question does not arise on the asset.
 */
final class Conditions {

    private Conditions() {}

    static Outcome combine(Condition condition, Collection<Outcome> outcomes) {
        if (outcomes.contains(Outcome.NOT_APPLICABLE)) {
            return Outcome.NOT_APPLICABLE;
        }
        boolean error = outcomes.contains(Outcome.ERROR);
        return switch (condition) {
            case ALL -> error ? Outcome.ERROR : Outcome.of(!outcomes.contains(Outcome.NOT_HELD));
            case ANY -> outcomes.contains(Outcome.HELD) ? Outcome.HELD : error ? Outcome.ERROR : Outcome.NOT_HELD;
            case NONE -> outcomes.contains(Outcome.HELD) ? Outcome.NOT_HELD : error ? Outcome.ERROR : Outcome.HELD;
        };
    }
}
