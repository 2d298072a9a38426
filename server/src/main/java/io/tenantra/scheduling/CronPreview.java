package io.tenantra.scheduling;

import java.time.Instant;
import java.util.List;

/**
 * What a cron expression means before it is saved: its description, its next five due times in
 * its zone, and whether the zone changes its clocks among them (so the console can say so).
 */
public record CronPreview(
        String cron, String zone, String description, List<Instant> nextRuns, boolean clockChangeAhead) {

    static CronPreview of(CronSchedule schedule, Instant now) {
        List<Instant> next = schedule.next(now, 5);
        return new CronPreview(
                schedule.expression(),
                schedule.zone().getId(),
                schedule.description(),
                next,
                !next.isEmpty() && schedule.clockChangeBetween(now, next.get(next.size() - 1)));
    }
}
