package io.tenantra.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The login token buckets, with a clock the test moves. */
class LoginRateLimiterTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T10:00:00Z"));

    private LoginRateLimiter limiter(int perIp, int perUsername, int maxKeys) {
        return new LoginRateLimiter(
                new LoginProperties(new LoginProperties.RateLimit(perIp, perUsername, Duration.ofMinutes(1), maxKeys)),
                clock);
    }

    @Test
    void theDefaultsAreThirtyPerAddressAndTenPerUsernameAMinute() {
        LoginProperties.RateLimit defaults = new LoginProperties(null).rateLimit();
        assertThat(defaults.perIp()).isEqualTo(30);
        assertThat(defaults.perUsername()).isEqualTo(10);
        assertThat(defaults.period()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void anAddressGetsItsAllowanceAcrossUsernamesThenWaits() {
        LoginRateLimiter limiter = limiter(30, 10, 1000);
        for (int i = 0; i < 30; i++) {
            assertThat(limiter.tryAcquire("10.0.0.1", "user" + i))
                    .as("attempt %d", i + 1)
                    .isEmpty();
        }
        // Greedy refill: one attempt back every 60/30 = 2 seconds.
        assertThat(limiter.tryAcquire("10.0.0.1", "another")).contains(Duration.ofSeconds(2));
        assertThat(limiter.tryAcquire("10.0.0.2", "another"))
                .as("other addresses are unaffected")
                .isEmpty();
        clock.advance(Duration.ofSeconds(2));
        assertThat(limiter.tryAcquire("10.0.0.1", "another")).isEmpty();
    }

    @Test
    void aUsernameGetsItsAllowanceAcrossAddressesInAnyCase() {
        LoginRateLimiter limiter = limiter(30, 10, 1000);
        for (int i = 0; i < 10; i++) {
            assertThat(limiter.tryAcquire("10.1.0." + i, i % 2 == 0 ? "Carol" : "carol "))
                    .isEmpty();
        }
        assertThat(limiter.tryAcquire("10.2.0.1", "CAROL")).contains(Duration.ofSeconds(6));
        clock.advance(Duration.ofMinutes(1));
        for (int i = 0; i < 10; i++) {
            assertThat(limiter.tryAcquire("10.3.0.1", "carol")).isEmpty();
        }
    }

    @Test
    void memoryStaysBoundedUnderAFloodOfDistinctKeys() {
        LoginRateLimiter limiter = limiter(1, 1, 100);
        for (int i = 0; i < 10_000; i++) {
            limiter.tryAcquire("10.9." + (i / 250) + "." + (i % 250), "name" + i);
        }
        // Only the most recent keys are remembered: a recent one is still limited.
        assertThat(limiter.tryAcquire("10.9.39.249", "fresh")).isPresent();
    }
}
