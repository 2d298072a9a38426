package io.tenantra.model;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One unit of work for one agent: run these modules (and answer these probes) and upload one
 * {@link JobResult}.
 *
 * @param deadline results arriving after it are refused; the job times out
 * @param attempt 1 for the first dispatch, higher when a lost job was dispatched again
 * @param moduleTimeoutSeconds the time limit of each module
 * @param probes questions the server's enabled checks ask of this host (empty for most jobs and for
 *     servers older than probes); the agent runs them only when {@code probeSignature} verifies
 * @param probeSignature base64 Ed25519 signature by the server's content key over
 *     {@link ProbeSigning#canonical}; null when there are no probes
 * @param probeKeyId the id of the content key that signed them (the agent compares it with the key
 *     it pinned)
 */
public record Job(
        UUID id,
        UUID scanId,
        List<String> modules,
        Instant deadline,
        int attempt,
        int moduleTimeoutSeconds,
        List<Probe> probes,
        String probeSignature,
        String probeKeyId) {

    public Job {
        modules = modules == null ? List.of() : List.copyOf(modules);
        probes = probes == null ? List.of() : List.copyOf(probes);
    }

    /** A job without probes. */
    public Job(UUID id, UUID scanId, List<String> modules, Instant deadline, int attempt, int moduleTimeoutSeconds) {
        this(id, scanId, modules, deadline, attempt, moduleTimeoutSeconds, List.of(), null, null);
    }

    /** The same job carrying signed probes. */
    public Job withProbes(List<Probe> signedProbes, String signature, String keyId) {
        return new Job(id, scanId, modules, deadline, attempt, moduleTimeoutSeconds, signedProbes, signature, keyId);
    }
}
