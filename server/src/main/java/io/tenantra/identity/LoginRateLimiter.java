package io.tenantra.identity;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Token buckets for login attempts, one per client address and one per username (Bucket4j, in
 * memory on each node). Every attempt costs a token from both, whatever its outcome; the username
 * bucket counts names that match no account exactly like real ones, so being limited says nothing
 * about whether an account exists. Buckets run on the injected {@link Clock}, so tests can move
 * time.
 */
@Component
class LoginRateLimiter {

    private final LoginProperties.RateLimit limits;
    private final TimeMeter time;
    private final BoundedLru<Bucket> byIp;
    private final BoundedLru<Bucket> byUsername;

    LoginRateLimiter(LoginProperties properties, Clock clock) {
        this.limits = properties.rateLimit();
        this.time = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                Instant now = clock.instant();
                return Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000_000L), now.getNano());
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
        this.byIp = new BoundedLru<>(limits.maxTrackedKeys());
        this.byUsername = new BoundedLru<>(limits.maxTrackedKeys());
    }

    /**
     * Takes one attempt from the address's allowance, then from the username's. Empty when both
     * allow it; otherwise how long until the refusing one allows the next attempt. An attempt the
     * username refuses still counts against the address: hammering one name is hammering.
     */
    Optional<Duration> tryAcquire(String ip, String username) {
        Bucket ipBucket = byIp.computeIfAbsent(ip == null ? "" : ip, k -> bucket(limits.perIp()));
        Bucket nameBucket = byUsername.computeIfAbsent(normalise(username), k -> bucket(limits.perUsername()));
        ConsumptionProbe ipProbe = ipBucket.tryConsumeAndReturnRemaining(1);
        if (!ipProbe.isConsumed()) {
            return Optional.of(wait(ipProbe));
        }
        ConsumptionProbe nameProbe = nameBucket.tryConsumeAndReturnRemaining(1);
        if (!nameProbe.isConsumed()) {
            return Optional.of(wait(nameProbe));
        }
        return Optional.empty();
    }

    static String normalise(String username) {
        return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
    }

    private Bucket bucket(int perPeriod) {
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(perPeriod).refillGreedy(perPeriod, limits.period()))
                .withCustomTimePrecision(time)
                .build();
    }

    private static Duration wait(ConsumptionProbe probe) {
        return Duration.ofNanos(probe.getNanosToWaitForRefill());
    }
}
