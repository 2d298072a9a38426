package io.tenantra.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** When accounts lock and for how long, with time passed in by hand. */
class LockoutPolicyTest {

    private final LockoutPolicy policy = LockoutPolicy.standard();
    private final Instant start = Instant.parse("2026-11-21T10:00:00Z");

    private LockoutPolicy.State fail(int times, Instant at) {
        LockoutPolicy.State state = LockoutPolicy.State.CLEAN;
        for (int i = 0; i < times; i++) {
            state = policy.afterFailure(state, at);
        }
        return state;
    }

    @Test
    void fourFailuresDoNotLockTheFifthLocksForAMinute() {
        LockoutPolicy.State four = fail(4, start);
        assertThat(policy.remainingLock(four, start)).isEmpty();

        LockoutPolicy.State five = policy.afterFailure(four, start);
        assertThat(LockoutPolicy.locks(four, five)).isTrue();
        assertThat(policy.remainingLock(five, start)).contains(Duration.ofMinutes(1));
        assertThat(policy.remainingLock(five, start.plusSeconds(59))).contains(Duration.ofSeconds(1));
        assertThat(policy.remainingLock(five, start.plusSeconds(60))).isEmpty();
    }

    @Test
    void eachFailureRightAfterALockDoublesItUpToAnHour() {
        LockoutPolicy.State state = fail(5, start);
        Instant at = start;
        Duration expected = Duration.ofMinutes(1);
        for (int round = 0; round < 10; round++) {
            at = state.lockedUntil(); // the moment the lock ends, the next guess comes in
            state = policy.afterFailure(state, at);
            expected = expected.multipliedBy(2).compareTo(Duration.ofHours(1)) > 0
                    ? Duration.ofHours(1)
                    : expected.multipliedBy(2);
            assertThat(policy.remainingLock(state, at))
                    .as("after failure %d", 6 + round)
                    .contains(expected);
        }
        assertThat(policy.remainingLock(state, at)).contains(Duration.ofHours(1));
    }

    @Test
    void anHourOfQuietAfterTheLockStartsAFreshStreak() {
        LockoutPolicy.State locked = fail(5, start);
        Instant muchLater = locked.lockedUntil().plus(Duration.ofHours(1));
        LockoutPolicy.State next = policy.afterFailure(locked, muchLater);
        assertThat(next.failures()).isEqualTo(1);
        assertThat(policy.remainingLock(next, muchLater)).isEmpty();

        Instant soonAfter = locked.lockedUntil().plus(Duration.ofMinutes(59));
        assertThat(policy.remainingLock(policy.afterFailure(locked, soonAfter), soonAfter))
                .contains(Duration.ofMinutes(2));
    }

    @Test
    void failuresBelowTheThresholdAreForgottenAfterAnHourToo() {
        LockoutPolicy.State three = fail(3, start);
        assertThat(policy.afterFailure(three, start.plus(Duration.ofMinutes(59)))
                        .failures())
                .isEqualTo(4);
        assertThat(policy.afterFailure(three, start.plus(Duration.ofHours(1))).failures())
                .isEqualTo(1);
    }

    @Test
    void hugeFailureCountsStayAtTheCapWithoutOverflow() {
        assertThat(policy.lockFor(Integer.MAX_VALUE)).isEqualTo(Duration.ofHours(1));
        assertThat(policy.lockFor(1)).isEqualTo(Duration.ofMinutes(1));
    }
}
