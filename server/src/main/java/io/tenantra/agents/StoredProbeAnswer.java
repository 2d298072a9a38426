package io.tenantra.agents;

import io.tenantra.model.ProbeOutcome;
import io.tenantra.model.ProbeResult;
import java.time.Instant;
import java.util.UUID;

/**
 * The latest stored answer of one probe on one agent, with where and when it was observed.
 *
 * @param observedAt when the server stored the upload that carried it
 */
public record StoredProbeAnswer(
        String probeId,
        ProbeOutcome outcome,
        String evidence,
        String message,
        UUID scanId,
        UUID jobId,
        Instant observedAt) {

    /** The answer in the wire form the evaluator reads. */
    public ProbeResult result() {
        return new ProbeResult(probeId, outcome, evidence, message);
    }
}
