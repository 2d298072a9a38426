package io.tenantra.compliance.scoring;

import java.util.Collection;

/** How many controls (or control × asset pairs, in roll-ups) ended in each outcome. */
public record StatusCounts(int pass, int fail, int notApplicable, int error, int notEvaluated) {

    public static final StatusCounts ZERO = new StatusCounts(0, 0, 0, 0, 0);

    public static StatusCounts of(Collection<ControlOutcome> outcomes) {
        int[] n = new int[ControlOutcome.values().length];
        outcomes.forEach(outcome -> n[outcome.ordinal()]++);
        return new StatusCounts(
                n[ControlOutcome.PASS.ordinal()],
                n[ControlOutcome.FAIL.ordinal()],
                n[ControlOutcome.NOT_APPLICABLE.ordinal()],
                n[ControlOutcome.ERROR.ordinal()],
                n[ControlOutcome.NOT_EVALUATED.ordinal()]);
    }

    public StatusCounts plus(StatusCounts other) {
        return new StatusCounts(
                pass + other.pass,
                fail + other.fail,
                notApplicable + other.notApplicable,
                error + other.error,
                notEvaluated + other.notEvaluated);
    }

    public int total() {
        return pass + fail + notApplicable + error + notEvaluated;
    }
}
