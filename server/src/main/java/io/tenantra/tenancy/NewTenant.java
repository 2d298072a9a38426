package io.tenantra.tenancy;

import java.util.Map;
import java.util.UUID;

/**
 * What creating a tenant takes. {@code plan} defaults to FREE; {@code settings} and
 * {@code branding} are optional objects checked by the tenancy policies.
 */
public record NewTenant(
        String name, String slug, UUID parentId, Tenant.Plan plan, Map<String, ?> settings, Map<String, ?> branding) {}
