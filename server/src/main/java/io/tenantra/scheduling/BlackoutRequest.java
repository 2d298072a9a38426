package io.tenantra.scheduling;

import java.time.Instant;
import java.util.List;

/**
 * A blackout window as a client sends it. Always {@code name} and {@code kind}; a tag
 * ({@code tagKey} and {@code tagValue}) to cover only the agents carrying it. Per kind:
 * {@code weekly}: {@code zone}, {@code days} (MON..SUN), {@code startTime} and {@code endTime}
 * ("HH:mm"; an end not after the start runs into the next day); {@code cron}: {@code zone},
 * {@code cron} and {@code durationMinutes}; {@code once}: {@code startsAt} and {@code endsAt}.
 */
public record BlackoutRequest(
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
        Instant endsAt) {}
