package io.tenantra.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenantra.database.FinalStatement;
import io.tenantra.database.TenantTransactions;
import io.tenantra.platform.audit.Actor;
import io.tenantra.platform.audit.AuditEvent;
import io.tenantra.platform.context.Origin;
import io.tenantra.platform.context.TenantScope;
import io.tenantra.support.Fixtures;
import io.tenantra.support.ServerTest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Events are appended when their transaction commits, in the COMMIT's round trip: an open
 * transaction that has recorded an event holds no lock on its tenant's chain, events of several
 * tenants in one transaction each land in their own chain in order, and the database refuses an
 * append for a tenant outside the transaction's scope.
 */
@ServerTest
class AppendAtCommitTest {

    @Autowired
    Fixtures fx;

    @Autowired
    TenantTransactions tx;

    /**
     * These tests exercise the chain mechanics with actions of their own ({@code test.*}), which
     * the catalogue rightly refuses, so they publish raw events the way {@code AuditEvents} does.
     */
    @Autowired
    ApplicationEventPublisher audit;

    @Autowired
    StoredEvents stored;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ChainAppender appender;

    private void record(UUID tenant, String action) {
        record(tenant, action, AuditEvent.Outcome.SUCCESS);
    }

    private void record(UUID tenant, String action, AuditEvent.Outcome outcome) {
        audit.publishEvent(new AuditEvent(
                tenant, Actor.SYSTEM, action, "test", "t1", Map.of(), outcome, Instant.now(), Origin.NONE));
    }

    @Test
    void anOpenTransactionWithAnEventDoesNotHoldItsTenantsChain() throws Exception {
        UUID tenant = fx.tenant(fx.root(), "atcommit-lock");
        CountDownLatch recorded = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> slow = CompletableFuture.runAsync(() -> tx.write(TenantScope.of(tenant), () -> {
            record(tenant, "test.slow");
            recorded.countDown();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }));
        try {
            assertThat(recorded.await(30, TimeUnit.SECONDS)).isTrue();
            // Appending while the slow transaction is still open: with the head locked from the
            // append to the commit, this would wait for the slow one (and time out here).
            CompletableFuture.runAsync(() -> tx.write(TenantScope.of(tenant), () -> {
                        record(tenant, "test.fast");
                        return null;
                    }))
                    .get(20, TimeUnit.SECONDS);
            assertThat(stored.of(tenant)).extracting(ChainEvent::action).containsExactly("test.fast");
        } finally {
            release.countDown();
        }
        slow.get(30, TimeUnit.SECONDS);
        // Chained in commit order, and the chain holds.
        List<ChainEvent> chain = stored.of(tenant);
        assertThat(chain).extracting(ChainEvent::action).containsExactly("test.fast", "test.slow");
        assertThat(chain.get(1).prevHash()).isEqualTo(chain.get(0).hash());
    }

    @Test
    void eventsOfSeveralTenantsInOneTransactionEachLandInTheirOwnChainInOrder() {
        UUID first = fx.tenant(fx.root(), "atcommit-a");
        UUID second = fx.tenant(fx.root(), "atcommit-b");
        tx.write(TenantScope.of(Set.of(first, second)), () -> {
            record(second, "test.one");
            record(first, "test.two");
            record(second, "test.three");
            return null;
        });
        assertThat(stored.of(second)).extracting(ChainEvent::action).containsExactly("test.one", "test.three");
        assertThat(stored.of(first)).extracting(ChainEvent::action).containsExactly("test.two");
        assertThat(stored.of(second).get(1).prevHash())
                .isEqualTo(stored.of(second).get(0).hash());
    }

    @Test
    void anEventRecordedInAReadOnlyTransactionIsStoredAtOnce() {
        UUID tenant = fx.tenant(fx.root(), "atcommit-read");
        tx.read(TenantScope.of(tenant), () -> {
            record(tenant, "test.read", AuditEvent.Outcome.SUCCESS);
            return null;
        });
        assertThat(stored.of(tenant)).extracting(ChainEvent::action).containsExactly("test.read");
    }

    @Test
    void theDatabaseRefusesAnAppendOutsideTheTransactionsScope() {
        UUID mine = fx.tenant(fx.root(), "atcommit-mine");
        UUID chained = fx.tenant(fx.root(), "atcommit-chained");
        UUID fresh = fx.tenant(fx.root(), "atcommit-fresh");
        tx.write(TenantScope.of(chained), () -> {
            record(chained, "test.first");
            return null;
        });
        // Both paths of the append's upsert: a chain that has a head, and one that has none yet.
        for (UUID other : List.of(chained, fresh)) {
            FinalStatement sneak = appender.appendAtCommit(sneakingEventOf(other));
            assertThatThrownBy(() -> tx.write(
                            TenantScope.of(mine),
                            () -> jdbc.sql(sneak.sql())
                                    .params(sneak.parameters())
                                    .query()
                                    .listOfRows()))
                    .rootCause()
                    .hasMessageContaining("row-level security policy");
        }
        assertThat(stored.of(chained)).extracting(ChainEvent::action).containsExactly("test.first");
        assertThat(stored.of(fresh)).isEmpty();
    }

    private static ChainEvent sneakingEventOf(UUID tenant) {
        return new ChainEvent(
                tenant,
                0,
                UUID.randomUUID(),
                ChainEvent.truncate(Instant.now()),
                "SYSTEM",
                null,
                "system",
                null,
                null,
                "test.sneak",
                null,
                null,
                "{}",
                "SUCCESS",
                null,
                null,
                null,
                null,
                null);
    }
}
