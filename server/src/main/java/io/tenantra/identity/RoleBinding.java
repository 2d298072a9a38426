package io.tenantra.identity;

import java.util.Set;
import java.util.UUID;

/**
 * A role granted on a tenant, with the permissions it resolved to when the token was issued;
 * {@code subtree} extends it to all of that tenant's descendants.
 */
public record RoleBinding(UUID tenantId, String role, boolean subtree, Set<Permission> permissions) {

    public RoleBinding {
        permissions = permissions == null || permissions.isEmpty() ? Set.of() : Set.copyOf(permissions);
    }
}
