package io.tenantra.tenancy;

import java.time.Instant;
import java.util.UUID;

/**
 * A tenant as other modules and the API see it.
 *
 * @param createdBy the user who created it; null for the root, which the first start creates
 * @param modifiedBy the user who last changed it; null until someone does
 */
public record Tenant(
        UUID id,
        UUID parentId,
        String name,
        String slug,
        Plan plan,
        Status status,
        TenantSettings settings,
        TenantBranding branding,
        Instant createdAt,
        UUID createdBy,
        Instant modifiedAt,
        UUID modifiedBy) {

    public enum Plan {
        FREE,
        BASIC,
        PRO,
        ENTERPRISE
    }

    public enum Status {
        ACTIVE,
        SUSPENDED
    }

    public Tenant {
        settings = settings == null ? TenantSettings.DEFAULTS : settings;
        branding = branding == null ? TenantBranding.NONE : branding;
    }

    public boolean isRoot() {
        return parentId == null;
    }
}
