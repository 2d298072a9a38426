/**
 * Tenant administration: the tenant API ({@code /api/v1/tenants}) and the use cases behind it,
 * which decide who may create, change, suspend, move and delete which tenant (identity's
 * {@link io.tenantra.identity.TenantAccess}) and then let the tenancy module
 * ({@link io.tenantra.tenancy.TenantDirectory}) apply and audit the change. Exposes
 * {@link io.tenantra.tenantadmin.TenantAdministration}; its tenants page and dashboard tiles live
 * in {@code io.tenantra.tenantadmin.web} (template {@code templates/tenantadmin/tenants.html}).
 * Depends on tenancy, identity, database, the platform kernel and the console shell; nothing
 * depends on it.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Tenant administration",
        allowedDependencies = {"platform", "tenancy", "identity", "console"})
package io.tenantra.tenantadmin;
