package io.tenantra.agents;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Published when ingestion stored a job's result (once per job: a repeated identical upload
 * publishes nothing), inside the transaction that stores it, so it exists exactly when the result
 * does. Analysis modules (compliance, risk, drift) react to it to read the new module results
 * through {@link ScanDirectory}.
 *
 * <p>Delivered after commit through the durable event publication registry and delivered again
 * after a crash or a failed listener, so listeners must be idempotent (for example keyed on
 * {@code jobId}).
 *
 * @param status the job's outcome: {@code succeeded}, or {@code failed} when a module reported an error
 * @param modules the modules whose results were stored
 */
public record ScanJobResultStored(
        UUID tenantId, UUID scanId, UUID jobId, UUID agentId, String status, List<String> modules, Instant storedAt) {}
