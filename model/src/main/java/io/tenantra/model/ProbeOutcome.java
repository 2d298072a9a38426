package io.tenantra.model;

/** What the agent found for one probe. Negation and check conditions are the server's job. */
public enum ProbeOutcome {
    /** The target exists and (with tests) at least one line satisfied all of them. */
    FOUND,
    /** The target does not exist, or no line satisfied the tests. */
    NOT_FOUND,
    /** The probe could not be answered (unreadable, timed out, bad pattern): never pass or fail. */
    ERROR,
    /** The agent refused to run it (command probes disabled locally, or an unverified signature). */
    REFUSED
}
