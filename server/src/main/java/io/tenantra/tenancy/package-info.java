/**
 * The tenant tree: the platform operator at the root, MSPs and direct customers below it, their
 * customers and sites further down. Exposes {@link io.tenantra.tenancy.TenantDirectory}; its
 * rows and SQL stay inside the package. Publishes durable events in the writing transaction:
 * {@link io.tenantra.tenancy.TenantCreated}, {@link io.tenantra.tenancy.TenantSuspended},
 * {@link io.tenantra.tenancy.TenantReactivated} and {@link io.tenantra.tenancy.TenantPlanChanged}.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Tenancy",
        allowedDependencies = {"platform", "database"})
package io.tenantra.tenancy;
