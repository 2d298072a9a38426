package io.tenantra.tenantadmin;

import io.tenantra.tenancy.Tenant;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A tenant as the API returns it. */
record TenantView(
        UUID id,
        UUID parentId,
        String name,
        String slug,
        Tenant.Plan plan,
        Tenant.Status status,
        Map<String, Object> settings,
        Map<String, Object> branding,
        Instant createdAt,
        UUID createdBy,
        Instant modifiedAt,
        UUID modifiedBy) {

    static TenantView of(Tenant tenant) {
        return new TenantView(
                tenant.id(),
                tenant.parentId(),
                tenant.name(),
                tenant.slug(),
                tenant.plan(),
                tenant.status(),
                tenant.settings().toMap(),
                tenant.branding().toMap(),
                tenant.createdAt(),
                tenant.createdBy(),
                tenant.modifiedAt(),
                tenant.modifiedBy());
    }
}
