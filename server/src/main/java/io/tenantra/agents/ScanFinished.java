package io.tenantra.agents;

import java.time.Instant;
import java.util.UUID;

/**
 * Published exactly once per scan, when its last open job reaches a terminal state (a stored
 * result, a timeout, a cancellation of the scan or a revocation of its agent), inside the
 * transaction that ends that job. Concurrent job endings of one scan serialise on the scan row,
 * so only the last of them sees no open job left. Reporting and alerting react to it.
 *
 * <p>Delivered after commit through the durable event publication registry and delivered again
 * after a crash or a failed listener, so listeners must be idempotent (for example keyed on
 * {@code scanId}).
 *
 * @param status {@code completed} (every job finished, whatever its outcome) or {@code cancelled}
 * @param progress the jobs by final status
 * @param finishedAt when the scan was cancelled, or when its last job finished
 */
public record ScanFinished(UUID tenantId, UUID scanId, String status, ScanView.Progress progress, Instant finishedAt) {}
