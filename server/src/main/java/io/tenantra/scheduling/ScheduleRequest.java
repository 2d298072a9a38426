package io.tenantra.scheduling;

import java.util.UUID;

/**
 * A schedule as a client sends it (create and full replace).
 *
 * @param enabled defaults to true
 * @param catchUp {@code run_once} (default) or {@code skip}
 * @param blackout {@code defer} (default) or {@code skip}
 */
public record ScheduleRequest(
        String name, UUID profileId, String cron, String zone, Boolean enabled, String catchUp, String blackout) {}
