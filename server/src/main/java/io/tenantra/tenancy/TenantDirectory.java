package io.tenantra.tenancy;

import io.tenantra.database.TenantScope;
import io.tenantra.database.TenantTransactions;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** The tenancy module's facade: look tenants up and resolve what a binding makes visible. */
@Service
public class TenantDirectory {

    private final TenantRepository tenants;
    private final TenantTransactions tx;
    private final Clock clock;

    TenantDirectory(TenantRepository tenants, TenantTransactions tx, Clock clock) {
        this.tenants = tenants;
        this.tx = tx;
        this.clock = clock;
    }

    /** The platform operator's tenant, created on first start. */
    public Optional<UUID> rootTenantId() {
        return tenants.rootId();
    }

    /**
     * Creates the root tenant if there is none yet and returns its id. Runs at start-up before
     * any user exists, so there is no actor.
     */
    public UUID ensureRoot(String name, String slug) {
        return tenants.rootId().orElseGet(() -> {
            UUID id = UUID.randomUUID();
            Instant now = clock.instant();
            Tenant root = new Tenant(id, null, name, slug, Tenant.Plan.ENTERPRISE, Tenant.Status.ACTIVE, now, now);
            tx.write(TenantScope.of(id), () -> {
                tenants.insert(root, null);
                return null;
            });
            return id;
        });
    }

    public Optional<Tenant> find(TenantScope scope, UUID id) {
        return tx.read(scope, () -> tenants.find(id));
    }

    public List<Tenant> visible(TenantScope scope) {
        return tx.read(scope, tenants::findAllVisible);
    }

    /** A tenant and all of its descendants. */
    public Set<UUID> subtree(UUID root) {
        return Set.copyOf(tenants.subtree(root));
    }
}
