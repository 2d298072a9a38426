package io.tenantra.agent;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with full jitter: after the n-th consecutive failure wait a random time
 * up to {@code min(cap, base * 2^n)}, so thousands of agents that lost the same server do not
 * come back in lockstep. A server's {@code Retry-After} (seconds) is honoured as a floor.
 */
final class Backoff {

    private final Duration base;
    private final Duration cap;
    private int failures;

    Backoff(Duration base, Duration cap) {
        this.base = base;
        this.cap = cap;
    }

    Duration next(Optional<String> retryAfter) {
        long ceiling = Math.min(cap.toMillis(), base.toMillis() << Math.min(failures, 20));
        failures++;
        long wait = ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1);
        long floor = retryAfter.map(Backoff::seconds).orElse(0L) * 1000;
        return Duration.ofMillis(Math.max(wait, Math.min(floor, cap.toMillis())));
    }

    void reset() {
        failures = 0;
    }

    int failures() {
        return failures;
    }

    /** A value between 90 % and 110 % of {@code interval}: heartbeats spread out over time. */
    static Duration jitter(Duration interval) {
        long millis = interval.toMillis();
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(millis * 9 / 10, millis * 11 / 10 + 1));
    }

    private static long seconds(String header) {
        try {
            return Math.max(0, Long.parseLong(header.trim()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
