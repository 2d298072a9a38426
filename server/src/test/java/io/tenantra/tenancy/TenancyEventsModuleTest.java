package io.tenantra.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.platform.context.CallContext;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.context.ActiveProfiles;

/**
 * The tenancy module with only what it depends on (database, platform kernel): creating,
 * suspending, reactivating and re-planning a tenant publish their durable events, and a listener
 * ({@link TenancyEventLog}) reacts to each after commit.
 */
@ApplicationModuleTest(mode = BootstrapMode.DIRECT_DEPENDENCIES)
@ActiveProfiles("test")
class TenancyEventsModuleTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Autowired
    TenantDirectory directory;

    @Autowired
    TenancyEventLog listener;

    private UUID root() {
        // Only tenancy and database run here: no identity bootstrap has made the root yet.
        return directory.rootTenantId().orElseGet(() -> directory.ensureRoot("Operator", "operator"));
    }

    private Tenant create(String name, Tenant.Plan plan) {
        String slug = "ev-" + UUID.randomUUID().toString().substring(0, 8);
        UUID root = root();
        return directory.create(
                CallContext.system("test", root, Clock.systemUTC()), new NewTenant(name, slug, root, plan, null, null));
    }

    private Tenant change(UUID tenantId, Tenant.Plan plan, Tenant.Status status) {
        return directory.update(
                CallContext.system("test", tenantId, Clock.systemUTC()),
                tenantId,
                new TenantChanges(null, plan, status, null, null, null),
                d -> {});
    }

    @Test
    void creatingATenantPublishesTenantCreatedAndAListenerReacts(Scenario scenario) {
        String name = "Created " + UUID.randomUUID();
        UUID root = root();

        scenario.stimulate(() -> create(name, Tenant.Plan.BASIC))
                .andWaitAtMost(WAIT)
                .andWaitForEventOfType(TenantCreated.class)
                .matching(e -> e.name().equals(name))
                .toArriveAndVerify((event, tenant) -> {
                    assertThat(event.tenantId()).isEqualTo(tenant.id());
                    assertThat(event.parentId()).isEqualTo(root);
                    assertThat(event.plan()).isEqualTo(Tenant.Plan.BASIC);
                    assertThat(event.at()).isEqualTo(tenant.createdAt());
                });
        scenario.stimulate(() -> name)
                .andWaitAtMost(WAIT)
                .andWaitForStateChange(
                        () -> listener.received().stream()
                                .filter(e ->
                                        e instanceof TenantCreated c && c.name().equals(name))
                                .count(),
                        count -> count > 0)
                .andVerify(count -> assertThat(count).as("delivered once").isEqualTo(1L));
    }

    @Test
    void suspendingAndChangingThePlanPublishBothEventsAndAListenerReacts(Scenario scenario) {
        Tenant tenant = create("Suspended " + UUID.randomUUID(), Tenant.Plan.FREE);

        scenario.stimulate(() -> change(tenant.id(), Tenant.Plan.PRO, Tenant.Status.SUSPENDED))
                .andWaitAtMost(WAIT)
                .andWaitForStateChange(() -> listener.about(tenant.id()), events -> events.size() >= 3)
                .andVerify((events, changed) -> assertThat(events)
                        .containsExactlyInAnyOrder(
                                new TenantCreated(
                                        tenant.id(),
                                        tenant.parentId(),
                                        tenant.name(),
                                        Tenant.Plan.FREE,
                                        tenant.createdAt()),
                                new TenantSuspended(tenant.id(), changed.modifiedAt()),
                                new TenantPlanChanged(
                                        tenant.id(), Tenant.Plan.FREE, Tenant.Plan.PRO, changed.modifiedAt())));
    }

    @Test
    void reactivatingPublishesTenantReactivatedAndAListenerReacts(Scenario scenario) {
        Tenant tenant = create("Reactivated " + UUID.randomUUID(), Tenant.Plan.FREE);
        change(tenant.id(), null, Tenant.Status.SUSPENDED);

        scenario.stimulate(() -> change(tenant.id(), null, Tenant.Status.ACTIVE))
                .andWaitAtMost(WAIT)
                .andWaitForEventOfType(TenantReactivated.class)
                .matching(e -> e.tenantId().equals(tenant.id()))
                .toArriveAndVerify((event, changed) -> assertThat(event.at()).isEqualTo(changed.modifiedAt()));
        scenario.stimulate(() -> tenant)
                .andWaitAtMost(WAIT)
                .andWaitForStateChange(
                        () -> listener.about(tenant.id()).stream()
                                .filter(TenantReactivated.class::isInstance)
                                .count(),
                        count -> count > 0)
                .andVerify(count -> assertThat(count).isEqualTo(1L));
    }
}
