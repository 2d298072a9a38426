package io.tenantra.audit;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Audit settings under {@code tenantra.audit.*}.
 *
 * @param recording false only to measure what recording costs (benchmarks): the server then
 *     stores no audit event at all and says so loudly at start. Never set it in production.
 * @param checkpointInterval how often chains that moved get a signed checkpoint (default 5m)
 * @param accessLog the API access log's buffering
 */
@ConfigurationProperties("tenantra.audit")
record AuditProperties(Boolean recording, Duration checkpointInterval, AccessLog accessLog) {

    AuditProperties {
        recording = recording == null || recording;
        checkpointInterval = checkpointInterval == null ? Duration.ofMinutes(5) : checkpointInterval;
        if (checkpointInterval.isNegative() || checkpointInterval.isZero()) {
            throw new IllegalArgumentException("tenantra.audit.checkpoint-interval must be positive");
        }
        accessLog = accessLog == null ? new AccessLog(0, 0, null) : accessLog;
    }

    boolean recordingEnabled() {
        return recording;
    }

    /**
     * @param queueCapacity requests buffered in memory before new ones are dropped (and counted)
     * @param batchSize rows written per insert batch
     * @param flushInterval longest time a row waits in the buffer
     */
    record AccessLog(int queueCapacity, int batchSize, Duration flushInterval) {
        AccessLog {
            queueCapacity = queueCapacity <= 0 ? 10_000 : queueCapacity;
            batchSize = batchSize <= 0 ? 500 : batchSize;
            flushInterval = flushInterval == null || flushInterval.isZero() || flushInterval.isNegative()
                    ? Duration.ofSeconds(1)
                    : flushInterval;
        }
    }
}
