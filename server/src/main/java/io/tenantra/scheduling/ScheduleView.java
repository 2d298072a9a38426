package io.tenantra.scheduling;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A schedule as the API and console show it.
 *
 * @param description the cron expression in words
 * @param catchUp what a run missed while no server ran becomes: {@code run_once} or {@code skip}
 * @param blackout what a run due inside a whole-tenant blackout window becomes: {@code defer}
 *     (to the window's end) or {@code skip}
 * @param nextRunAt the next due time (null while paused)
 * @param deferredUntil when a run deferred by a blackout window will start, if one is
 * @param nextRuns the next five due times (none while paused)
 */
public record ScheduleView(
        UUID id,
        String name,
        UUID profileId,
        String profileName,
        String cron,
        String zone,
        String description,
        boolean enabled,
        UUID ownerId,
        String catchUp,
        String blackout,
        Instant nextRunAt,
        Instant lastRunAt,
        Instant deferredUntil,
        List<Instant> nextRuns,
        Instant createdAt,
        Instant modifiedAt) {}
