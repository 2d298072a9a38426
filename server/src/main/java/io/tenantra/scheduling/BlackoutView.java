package io.tenantra.scheduling;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A blackout window as the API shows it.
 *
 * @param tagKey null when the window covers the whole tenant
 * @param kind {@code weekly}, {@code cron} or {@code once}
 * @param days for weekly windows: MON..SUN
 * @param description the rule in words
 * @param activeUntil when the window is in force now: the end of the current occurrence
 */
public record BlackoutView(
        UUID id,
        String name,
        String tagKey,
        String tagValue,
        String kind,
        String zone,
        List<String> days,
        String startTime,
        String endTime,
        String cron,
        Integer durationMinutes,
        Instant startsAt,
        Instant endsAt,
        String description,
        Instant activeUntil,
        Instant createdAt) {}
