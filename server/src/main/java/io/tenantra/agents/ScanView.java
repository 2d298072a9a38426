package io.tenantra.agents;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A scan with its live progress.
 *
 * @param status {@code queued} (no job picked up yet), {@code running}, {@code completed} (every
 *     job finished, whatever its outcome) or {@code cancelled}
 * @param modules the modules every job runs; null when each agent runs its configured ones
 * @param selector how the agents were chosen, as given
 */
public record ScanView(
        UUID id,
        String status,
        List<String> modules,
        Map<String, Object> selector,
        Instant createdAt,
        UUID createdBy,
        Instant deadlineAt,
        Instant cancelledAt,
        Instant finishedAt,
        Progress progress) {

    /** Jobs by status; {@code percent} is the share of jobs that finished, 0-100. */
    public record Progress(
            int total,
            int queued,
            int dispatched,
            int running,
            int succeeded,
            int failed,
            int timedOut,
            int cancelled,
            int percent) {

        static Progress of(int total, Map<String, Integer> byStatus) {
            int succeeded = byStatus.getOrDefault("succeeded", 0);
            int failed = byStatus.getOrDefault("failed", 0);
            int timedOut = byStatus.getOrDefault("timed_out", 0);
            int cancelled = byStatus.getOrDefault("cancelled", 0);
            int finished = succeeded + failed + timedOut + cancelled;
            return new Progress(
                    total,
                    byStatus.getOrDefault("queued", 0),
                    byStatus.getOrDefault("dispatched", 0),
                    byStatus.getOrDefault("running", 0),
                    succeeded,
                    failed,
                    timedOut,
                    cancelled,
                    total == 0 ? 100 : (int) Math.floor(100.0 * finished / total));
        }

        boolean finished() {
            return succeeded + failed + timedOut + cancelled >= total;
        }

        boolean untouched() {
            return queued >= total;
        }
    }

    /** One agent's job in a scan, with each module's outcome and the agent's execution log. */
    public record JobView(
            UUID id,
            UUID agentId,
            String agentName,
            String hostname,
            String status,
            int attempt,
            List<String> modules,
            Instant queuedAt,
            Instant dispatchedAt,
            Instant startedAt,
            Instant finishedAt,
            List<ModuleOutcome> results,
            List<String> log) {}

    /** How one module went on one agent (the items themselves are in the export). */
    public record ModuleOutcome(
            String module,
            String moduleVersion,
            String status,
            int itemCount,
            int riskCount,
            Long durationMillis,
            Boolean timedOut,
            List<String> messages) {}
}
