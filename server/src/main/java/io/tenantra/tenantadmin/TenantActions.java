package io.tenantra.tenantadmin;

/**
 * What a caller may do with one tenant, by the same rules the API enforces; the console shows
 * only the buttons that will work.
 *
 * @param edit change name, settings and branding (TENANT_WRITE on the tenant)
 * @param createChild create tenants below it (TENANT_CREATE on the tenant)
 * @param administer change its plan or status, move or delete it (TENANT_CREATE on its parent)
 */
public record TenantActions(boolean edit, boolean createChild, boolean administer) {}
