package io.tenantra.database;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long completed module event publications are kept ({@code event_publication}, ADR 0011)
 * and how often the ones older than that are purged. Kept a while rather than deleted at once:
 * they answer "did listener X get event Y?" when something downstream looks wrong.
 *
 * @param completedRetention completed publications older than this are deleted (default 7 days)
 * @param cleanupInterval how often the purge runs (default 1 hour)
 */
@ConfigurationProperties("tenantra.events")
record EventPublicationProperties(
        @DefaultValue("7d") Duration completedRetention,
        @DefaultValue("1h") Duration cleanupInterval) {

    EventPublicationProperties {
        if (completedRetention.isNegative() || completedRetention.isZero()) {
            throw new IllegalArgumentException("tenantra.events.completed-retention must be positive");
        }
        if (cleanupInterval.isNegative() || cleanupInterval.isZero()) {
            throw new IllegalArgumentException("tenantra.events.cleanup-interval must be positive");
        }
    }
}
