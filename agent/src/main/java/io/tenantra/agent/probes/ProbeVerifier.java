package io.tenantra.agent.probes;

import io.tenantra.model.Job;
import io.tenantra.model.ProbeSigning;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Decides whether the probes of a job may run: only when the server's content key that this agent
 * pinned signed exactly these probes for exactly this job, this agent and this deadline, and the
 * deadline has not passed. Anything else refuses all of them, with the reason.
 */
public final class ProbeVerifier {

    private ProbeVerifier() {}

    /** Why the job's probes must not run, or empty when they may. */
    public static Optional<String> refusal(Job job, UUID agentId, Optional<PinnedKey> pinned, Instant now) {
        if (job.probeSignature() == null || job.probeSignature().isBlank()) {
            return Optional.of("the probes are not signed");
        }
        if (pinned.isEmpty()) {
            return Optional.of("this agent has no content key yet; it learns it at enrollment or heartbeat");
        }
        if (!pinned.get().keyId().equals(job.probeKeyId())) {
            return Optional.of("the probes are signed by key " + job.probeKeyId() + ", but this agent trusts key "
                    + pinned.get().keyId() + " (a new server key needs the agent enrolled again)");
        }
        if (!ProbeSigning.verify(pinned.get().publicKey(), job.probeSignature(), job, agentId)) {
            return Optional.of("the probe signature does not verify");
        }
        if (job.deadline() != null && now.isAfter(job.deadline())) {
            return Optional.of("the signed probes expired at " + job.deadline());
        }
        return Optional.empty();
    }
}
