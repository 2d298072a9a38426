package io.tenantra.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tenantra.database.TenantTransactions;
import io.tenantra.platform.audit.AuditEvent;
import io.tenantra.platform.context.CallContext;
import io.tenantra.platform.context.TenantScope;
import io.tenantra.support.ServerTest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.IncompleteEventPublications;

/**
 * Tenancy's events go through the durable registry: stored in the writing transaction (so a
 * rolled-back change publishes nothing), one publication per event and listener, kept
 * incomplete when the listener fails and delivered again on resubmission. Audit events never
 * enter the registry: their recorder is a plain synchronous listener.
 */
@ServerTest
class TenantEventDurabilityTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Autowired
    TenantDirectory directory;

    @Autowired
    TenancyEventLog listener;

    @Autowired
    TenantTransactions tx;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    IncompleteEventPublications incomplete;

    private Tenant create(String name) {
        UUID root = directory.rootTenantId().orElseThrow();
        String slug = "ev-" + UUID.randomUUID().toString().substring(0, 8);
        return directory.create(
                CallContext.system("test", root, Clock.systemUTC()),
                new NewTenant(name, slug, root, Tenant.Plan.FREE, null, null));
    }

    /** Status and completion of each publication of {@code type} about {@code id}. */
    private List<String> publications(Class<?> type, UUID id) {
        return jdbc.sql("SELECT coalesce(status, 'none') || '/' || (completion_date IS NOT NULL)"
                        + " FROM event_publication WHERE event_type = ? AND serialized_event LIKE ?")
                .params(type.getName(), "%" + id + "%")
                .query(String.class)
                .list();
    }

    @Test
    void aFailedListenerLeavesThePublicationIncompleteAndResubmissionDeliversIt() {
        listener.failing(true);
        try {
            Tenant tenant = create(TenancyEventLog.FLAKY + UUID.randomUUID());
            await().atMost(WAIT)
                    .until(() -> publications(TenantCreated.class, tenant.id()).equals(List.of("FAILED/false")));
            assertThat(listener.about(tenant.id())).isEmpty();

            listener.failing(false);
            incomplete.resubmitIncompletePublications(p -> p.getEvent() instanceof TenantCreated created
                    && created.tenantId().equals(tenant.id()));

            await().atMost(WAIT).until(() -> !listener.about(tenant.id()).isEmpty());
            await().atMost(WAIT)
                    .until(() -> publications(TenantCreated.class, tenant.id()).equals(List.of("COMPLETED/true")));
            assertThat(listener.about(tenant.id()))
                    .containsExactly(new TenantCreated(
                            tenant.id(), tenant.parentId(), tenant.name(), Tenant.Plan.FREE, tenant.createdAt()));
        } finally {
            listener.failing(true);
        }
    }

    @Test
    void aRolledBackChangePublishesNothing() {
        UUID root = directory.rootTenantId().orElseThrow();
        AtomicReference<Tenant> created = new AtomicReference<>();
        // The creation joins an outer transaction that then fails: the tenant, its audit record
        // and its event publication all roll back together.
        assertThatThrownBy(() -> tx.write(TenantScope.of(root), () -> {
                    created.set(create("Rolled back " + UUID.randomUUID()));
                    throw new IllegalStateException("roll back (test)");
                }))
                .hasMessageContaining("roll back (test)");

        UUID id = created.get().id();
        assertThat(directory.find(TenantScope.of(id), id)).isEmpty();
        assertThat(publications(TenantCreated.class, id)).isEmpty();

        // A change committed afterwards is delivered, so the silence above is not just slowness.
        Tenant committed = create("Committed " + UUID.randomUUID());
        await().atMost(WAIT).until(() -> !listener.about(committed.id()).isEmpty());
        assertThat(listener.about(id)).isEmpty();
    }

    @Test
    void eachChangePublishesOncePerListenerAndAuditEventsNeverEnterTheRegistry() {
        Tenant tenant = create("Once " + UUID.randomUUID());
        directory.update(
                CallContext.system("test", tenant.id(), Clock.systemUTC()),
                tenant.id(),
                new TenantChanges(null, Tenant.Plan.BASIC, Tenant.Status.SUSPENDED, null, null, null),
                diff -> {});

        await().atMost(WAIT).until(() -> listener.about(tenant.id()).size() >= 3);
        await().atMost(WAIT)
                .until(() -> publications(TenantSuspended.class, tenant.id()).equals(List.of("COMPLETED/true")));
        assertThat(publications(TenantCreated.class, tenant.id())).containsExactly("COMPLETED/true");
        assertThat(publications(TenantPlanChanged.class, tenant.id())).containsExactly("COMPLETED/true");
        assertThat(publications(TenantReactivated.class, tenant.id())).isEmpty();
        assertThat(listener.about(tenant.id())).hasSize(3);

        // tenant.create, tenant.update and tenant.suspend were audited in those same transactions.
        Integer auditPublications = jdbc.sql("SELECT count(*) FROM event_publication WHERE event_type = ?")
                .param(AuditEvent.class.getName())
                .query(Integer.class)
                .single();
        assertThat(auditPublications).isZero();
    }
}
