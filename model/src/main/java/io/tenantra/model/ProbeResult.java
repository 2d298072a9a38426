package io.tenantra.model;

import java.util.Objects;

/**
 * The agent's answer to one probe.
 *
 * @param evidence what decided: the first matching line, the file that matched, or (when nothing
 *     was found) a short description of what was looked at; capped by the agent
 * @param message why an {@link ProbeOutcome#ERROR} or {@link ProbeOutcome#REFUSED} happened
 */
public record ProbeResult(String id, ProbeOutcome outcome, String evidence, String message) {

    public ProbeResult {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(outcome, "outcome");
    }
}
