package io.tenantra.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tenantra.support.MovableClockServerTest;
import io.tenantra.support.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Completed event publications are purged once older than the retention, measured on the
 * application's clock; incomplete ones (still to be delivered) and young completed ones stay.
 */
@MovableClockServerTest
class EventPublicationCleanupTest {

    @Autowired
    MutableClock clock;

    @Autowired
    EventPublicationCleanup cleanup;

    @Autowired
    ProbeEvents probes;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    @Value("${tenantra.events.completed-retention}")
    Duration retention;

    private UUID publish(boolean fail) {
        UUID id = UUID.randomUUID();
        transactions.executeWithoutResult(status -> events.publishEvent(new ProbeEvents.Probe(id, fail)));
        return id;
    }

    /** The publication's status, or "gone" when it has no row. */
    private String status(UUID probe) {
        List<String> rows = jdbc.sql("SELECT coalesce(status, 'none') || '/' || (completion_date IS NOT NULL)"
                        + " FROM event_publication WHERE event_type = ? AND serialized_event LIKE ?")
                .params(ProbeEvents.Probe.class.getName(), "%" + probe + "%")
                .query(String.class)
                .list();
        assertThat(rows).as("one publication per event and listener").hasSizeLessThanOrEqualTo(1);
        return rows.isEmpty() ? "gone" : rows.get(0);
    }

    @Test
    void completedPublicationsOlderThanTheRetentionArePurgedAndNothingElse() {
        UUID old = publish(false);
        UUID failed = publish(true);
        await().atMost(Duration.ofSeconds(10)).until(() -> status(old).equals("COMPLETED/true"));
        await().atMost(Duration.ofSeconds(10)).until(() -> status(failed).equals("FAILED/false"));

        clock.advance(retention.plusMinutes(1));
        UUID young = publish(false);
        await().atMost(Duration.ofSeconds(10)).until(() -> status(young).equals("COMPLETED/true"));

        cleanup.purge();

        assertThat(status(old)).as("completed before the retention").isEqualTo("gone");
        assertThat(status(young)).as("completed within the retention").isEqualTo("COMPLETED/true");
        assertThat(status(failed)).as("incomplete: still to be delivered").isEqualTo("FAILED/false");
        assertThat(probes.delivered()).contains(old, young).doesNotContain(failed);
    }
}
