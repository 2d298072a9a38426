package io.tenantra.audit;

import java.time.Instant;
import java.util.UUID;

/** One API request as the access log keeps it. */
record AccessLogEntry(
        UUID tenantId,
        Instant occurredAt,
        String method,
        String pathTemplate,
        int status,
        int latencyMs,
        String callerKind,
        UUID callerId,
        String requestId) {}
