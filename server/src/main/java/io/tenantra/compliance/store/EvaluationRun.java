package io.tenantra.compliance.store;

import java.time.Instant;
import java.util.UUID;

/**
 * A re-evaluation of a tenant's assets from stored facts: why it runs, how far it got.
 *
 * @param state {@code queued}, {@code running}, {@code completed} or {@code failed}
 */
public record EvaluationRun(
        UUID id,
        UUID tenantId,
        String reason,
        String state,
        int total,
        int done,
        String message,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt) {}
