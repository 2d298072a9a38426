package io.tenantra.compliance.exceptions;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings under {@code tenantra.compliance.exceptions.*}.
 *
 * @param maxDuration the longest an exception may run from its request to its expiry (default one
 *     year): exceptions are meant to be re-examined, not forgotten
 * @param expiryCheckInterval how often approved exceptions that expired are announced, so scores
 *     drop them without waiting for the next scan
 */
@ConfigurationProperties("tenantra.compliance.exceptions")
public record ExceptionsProperties(Duration maxDuration, Duration expiryCheckInterval) {

    public ExceptionsProperties {
        maxDuration = maxDuration == null ? Duration.ofDays(365) : maxDuration;
        expiryCheckInterval = expiryCheckInterval == null ? Duration.ofMinutes(1) : expiryCheckInterval;
        if (maxDuration.isNegative() || maxDuration.isZero()) {
            throw new IllegalArgumentException("tenantra.compliance.exceptions.max-duration must be positive");
        }
    }
}
