package io.tenantra.identity;

import io.tenantra.database.TenantScope;
import io.tenantra.tenancy.TenantDirectory;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Turns a caller's role bindings into the set of tenants they can see. */
@Component
public class AccessScopes {

    private final TenantDirectory tenants;

    AccessScopes(TenantDirectory tenants) {
        this.tenants = tenants;
    }

    /** Every tenant some binding reaches, plus the caller's home tenant. */
    public TenantScope visibleTo(CurrentUser user) {
        Set<UUID> visible = new HashSet<>();
        visible.add(user.tenantId());
        for (RoleBinding binding : user.bindings()) {
            if (binding.subtree()) {
                visible.addAll(tenants.subtree(binding.tenantId()));
            } else {
                visible.add(binding.tenantId());
            }
        }
        return TenantScope.of(visible);
    }
}
