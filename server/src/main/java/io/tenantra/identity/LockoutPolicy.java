package io.tenantra.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When an account stops accepting password attempts. After {@code threshold} consecutive failures
 * the account locks for {@code firstLock}; every further failure while the streak is live (the
 * attempt right after a lock ends, or soon after) doubles the lock, up to {@code maxLock}. A
 * success ends the streak; so does {@code forgetAfter} without any failure after the last lock
 * ended. Attempts while locked are refused without checking the password and do not count, so a
 * client that honours Retry-After is never punished for waiting.
 *
 * <p>Plain Java, no framework, no clock of its own: callers pass the time.
 */
final class LockoutPolicy {

    /** The lock state stored per account; {@link #CLEAN} when nothing failed since the last success. */
    record State(int failures, Instant lockedUntil, Instant lastFailureAt) {
        static final State CLEAN = new State(0, null, null);
    }

    private final int threshold;
    private final Duration firstLock;
    private final Duration maxLock;
    private final Duration forgetAfter;

    LockoutPolicy(int threshold, Duration firstLock, Duration maxLock, Duration forgetAfter) {
        if (threshold < 1 || firstLock.isNegative() || firstLock.isZero() || maxLock.compareTo(firstLock) < 0) {
            throw new IllegalArgumentException("a lockout needs a positive threshold and 0 < firstLock <= maxLock");
        }
        this.threshold = threshold;
        this.firstLock = firstLock;
        this.maxLock = maxLock;
        this.forgetAfter = forgetAfter;
    }

    /** Five failures, then 1 minute doubling up to 1 hour; forgotten after an hour of quiet. */
    static LockoutPolicy standard() {
        return new LockoutPolicy(5, Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofHours(1));
    }

    /** How much longer the account stays locked at {@code now}; empty when it is not locked. */
    Optional<Duration> remainingLock(State state, Instant now) {
        if (state.lockedUntil() == null || !state.lockedUntil().isAfter(now)) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, state.lockedUntil()));
    }

    /** The state after a failed attempt at {@code now} (the account was not locked then). */
    State afterFailure(State state, Instant now) {
        int failures = isForgotten(state, now) ? 1 : state.failures() + 1;
        Instant lockedUntil = failures >= threshold ? now.plus(lockFor(failures)) : null;
        return new State(failures, lockedUntil, now);
    }

    /** Whether going from {@code before} to {@code after} started or lengthened a lock. */
    static boolean locks(State before, State after) {
        return after.lockedUntil() != null && !after.lockedUntil().equals(before.lockedUntil());
    }

    /** The lock that the {@code failures}-th consecutive failure earns. */
    Duration lockFor(int failures) {
        int doublings = Math.max(0, failures - threshold);
        // 2^doublings overflows long nanos quickly; past maxLock the answer is maxLock anyway.
        Duration lock = firstLock;
        for (int i = 0; i < doublings && lock.compareTo(maxLock) < 0; i++) {
            lock = lock.multipliedBy(2);
        }
        return lock.compareTo(maxLock) > 0 ? maxLock : lock;
    }

    private boolean isForgotten(State state, Instant now) {
        if (state.failures() == 0) {
            return false;
        }
        Instant lastActivity = state.lastFailureAt();
        if (state.lockedUntil() != null
                && (lastActivity == null || state.lockedUntil().isAfter(lastActivity))) {
            lastActivity = state.lockedUntil();
        }
        return lastActivity != null && !lastActivity.plus(forgetAfter).isAfter(now);
    }
}
