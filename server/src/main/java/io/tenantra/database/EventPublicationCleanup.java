package io.tenantra.database;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.CompletedEventPublications;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Purges completed module event publications older than
 * {@link EventPublicationProperties#completedRetention()} (ADR 0011). Incomplete ones are never
 * touched: they are the ones still to be delivered. Age is measured on the application's
 * {@link java.time.Clock}, which the registry also stamps completions with, so tests can move it.
 * Every node may run this; a second run on the same rows deletes nothing.
 */
@Component
class EventPublicationCleanup {

    private static final Logger log = LoggerFactory.getLogger(EventPublicationCleanup.class);

    private final CompletedEventPublications completed;
    private final Duration retention;

    EventPublicationCleanup(CompletedEventPublications completed, EventPublicationProperties properties) {
        this.completed = completed;
        this.retention = properties.completedRetention();
    }

    @Scheduled(
            initialDelayString = "${tenantra.events.cleanup-interval:1h}",
            fixedDelayString = "${tenantra.events.cleanup-interval:1h}")
    void purge() {
        try {
            completed.deletePublicationsOlderThan(retention);
        } catch (RuntimeException e) {
            // The next run catches up; a purge failing must not disturb anything else.
            log.warn("Could not purge completed event publications; will retry: {}", e.toString());
        }
    }
}
