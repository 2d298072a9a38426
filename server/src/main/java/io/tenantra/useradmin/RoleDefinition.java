package io.tenantra.useradmin;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A role usable on a tenant: built in (no id, no defining tenant) or custom (defined on the tenant
 * itself or on one of its ancestors, named by {@code tenantId}).
 */
public record RoleDefinition(
        UUID id,
        UUID tenantId,
        String name,
        String description,
        List<String> permissions,
        boolean builtIn,
        Instant createdAt,
        UUID createdBy,
        Instant modifiedAt,
        UUID modifiedBy) {

    public RoleDefinition {
        permissions = List.copyOf(permissions);
    }
}
