package io.tenantra.audit;

import java.time.Instant;
import java.util.UUID;

/**
 * One API request in the access log.
 *
 * @param pathTemplate the matched route, e.g. {@code /api/v1/tenants/{tenantId}/users}, or
 *     {@code (unmatched)} when no route matched
 */
record AccessLogRecord(
        long id,
        UUID tenantId,
        Instant occurredAt,
        String method,
        String pathTemplate,
        int status,
        int latencyMs,
        Caller caller,
        String requestId) {

    /** {@code kind} is USER, API_KEY or ANONYMOUS; {@code id} the user or key, null when anonymous. */
    record Caller(String kind, UUID id) {}
}
