package io.tenantra.tenancy;

import java.util.Map;
import java.util.UUID;

/**
 * A change to a tenant; null fields stay as they are. {@code settings} and {@code branding} are
 * merge patches: keys set to a value change, keys set to null are removed, others stay.
 * {@code parentId} moves the tenant (with its whole subtree) below another tenant.
 */
public record TenantChanges(
        String name,
        Tenant.Plan plan,
        Tenant.Status status,
        UUID parentId,
        Map<String, ?> settings,
        Map<String, ?> branding) {}
