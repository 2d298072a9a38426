package io.tenantra.scheduling;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One handled due time of a schedule, newest first in its history.
 *
 * @param trigger {@code cron} (on time), {@code catch_up} (due while no server ran) or {@code manual}
 * @param outcome {@code deferred} (a blackout window; starts when it ends), {@code skipped} (see
 *     {@code reason}), {@code started} (its scans run) or {@code completed} (every scan finished)
 * @param counts the summed job counts of the run's scans once completed: total, succeeded,
 *     failed, timedOut, cancelled
 * @param scanIds the scans the run started (one per dispatch wave under a concurrency cap)
 */
public record RunView(
        UUID id,
        UUID scheduleId,
        String scheduleName,
        Instant dueAt,
        String trigger,
        String outcome,
        String reason,
        Instant recordedAt,
        Instant startedAt,
        Instant finishedAt,
        Map<String, Object> counts,
        List<UUID> scanIds) {}
