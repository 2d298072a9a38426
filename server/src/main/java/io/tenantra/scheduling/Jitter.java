package io.tenantra.scheduling;

import java.time.Duration;
import java.util.UUID;

/**
 * A schedule's start offset: a fixed number of seconds in {@code [0, jitterSeconds]} derived from
 * its id, so schedules on the same cron start spread over the jitter instead of in one second,
 * and one schedule keeps the same offset run after run (its starts stay evenly spaced).
 */
final class Jitter {

    private Jitter() {}

    static Duration offset(UUID scheduleId, int jitterSeconds) {
        if (jitterSeconds <= 0) {
            return Duration.ZERO;
        }
        long mixed = scheduleId.getMostSignificantBits() * 31 + scheduleId.getLeastSignificantBits();
        return Duration.ofSeconds(Math.floorMod(mixed, (long) jitterSeconds + 1));
    }
}
