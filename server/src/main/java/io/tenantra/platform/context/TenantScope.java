package io.tenantra.platform.context;

import java.util.Collection;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The set of tenants whose rows one transaction may see and write. Row-level security in
 * PostgreSQL reads it from the transaction-local setting {@code app.tenant_ids}.
 */
public record TenantScope(Set<UUID> tenantIds) {

    public TenantScope {
        if (tenantIds == null || tenantIds.isEmpty()) {
            throw new IllegalArgumentException("a tenant scope needs at least one tenant");
        }
        tenantIds = Set.copyOf(tenantIds);
    }

    public static TenantScope of(UUID tenantId) {
        return new TenantScope(Set.of(tenantId));
    }

    public static TenantScope of(Collection<UUID> tenantIds) {
        return new TenantScope(Set.copyOf(tenantIds));
    }

    public boolean contains(UUID tenantId) {
        return tenantIds.contains(tenantId);
    }

    /** PostgreSQL array literal, e.g. {@code {a,b}}; UUIDs need no quoting. */
    public String asArrayLiteral() {
        return tenantIds.stream().map(UUID::toString).sorted().collect(Collectors.joining(",", "{", "}"));
    }
}
