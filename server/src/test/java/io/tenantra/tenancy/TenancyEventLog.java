package io.tenantra.tenancy;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Reacts to the tenancy module's durable events the way another module would (after commit, on
 * its own thread and transaction, through the event publication registry) and records them.
 * Tenants whose name starts with {@link #FLAKY} make it fail while {@link #failing(boolean)} is
 * on: the durability tests use that to leave a publication incomplete. (The bean is a proxy:
 * tests go through its methods, never its fields.)
 */
@Component
class TenancyEventLog {

    static final String FLAKY = "Flaky ";

    private final List<Object> received = new CopyOnWriteArrayList<>();
    private volatile boolean failing = true;

    void failing(boolean failing) {
        this.failing = failing;
    }

    List<Object> received() {
        return List.copyOf(received);
    }

    @ApplicationModuleListener
    void on(TenantCreated event) {
        if (failing && event.name().startsWith(FLAKY)) {
            throw new IllegalStateException("listener down (test): " + event.tenantId());
        }
        received.add(event);
    }

    @ApplicationModuleListener
    void on(TenantSuspended event) {
        received.add(event);
    }

    @ApplicationModuleListener
    void on(TenantReactivated event) {
        received.add(event);
    }

    @ApplicationModuleListener
    void on(TenantPlanChanged event) {
        received.add(event);
    }

    /** What arrived about one tenant, oldest first. */
    List<Object> about(UUID tenantId) {
        return received.stream().filter(e -> tenantId.equals(tenantOf(e))).toList();
    }

    private static UUID tenantOf(Object event) {
        if (event instanceof TenantCreated e) {
            return e.tenantId();
        }
        if (event instanceof TenantSuspended e) {
            return e.tenantId();
        }
        if (event instanceof TenantReactivated e) {
            return e.tenantId();
        }
        return event instanceof TenantPlanChanged e ? e.tenantId() : null;
    }
}
