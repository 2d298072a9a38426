package io.tenantra.identity;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Settings under {@code tenantra.login.*}. */
@ConfigurationProperties("tenantra.login")
record LoginProperties(RateLimit rateLimit) {

    LoginProperties {
        rateLimit = rateLimit == null ? new RateLimit(null, null, null, null) : rateLimit;
    }

    /**
     * Login attempts allowed per client address and per username, whatever their outcome.
     *
     * @param perIp attempts per {@code period} from one client address (default 30)
     * @param perUsername attempts per {@code period} naming one username, known or not (default 10)
     * @param period the window the limits refill over (default 1 minute)
     * @param maxTrackedKeys how many addresses and usernames are remembered each; the least
     *     recently seen are forgotten first, so memory stays bounded under a flood of distinct keys
     */
    record RateLimit(Integer perIp, Integer perUsername, Duration period, Integer maxTrackedKeys) {
        RateLimit {
            perIp = perIp == null ? 30 : perIp;
            perUsername = perUsername == null ? 10 : perUsername;
            period = period == null ? Duration.ofMinutes(1) : period;
            maxTrackedKeys = maxTrackedKeys == null ? 50_000 : maxTrackedKeys;
            if (perIp < 1 || perUsername < 1 || period.isNegative() || period.isZero() || maxTrackedKeys < 1) {
                throw new IllegalArgumentException("tenantra.login.rate-limit.* must all be positive");
            }
        }
    }
}
