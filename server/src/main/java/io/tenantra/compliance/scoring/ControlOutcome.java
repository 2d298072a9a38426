package io.tenantra.compliance.scoring;

/**
 * A control's status on one asset, from the verdicts of the checks mapped to it: FAIL if any
 * counted result fails; else PASS if any passes; else ERROR if any errored; else NOT_APPLICABLE if
 * the remaining results are all not applicable; else NOT_EVALUATED (no result yet, no check
 * mapped, or only unsupported checks). Only PASS and FAIL enter the score.
 */
public enum ControlOutcome {
    PASS,
    FAIL,
    NOT_APPLICABLE,
    ERROR,
    NOT_EVALUATED;

    /** Whether this outcome takes part in the score. */
    public boolean counted() {
        return this == PASS || this == FAIL;
    }
}
