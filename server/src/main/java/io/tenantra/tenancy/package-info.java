/**
 * The tenant tree: the platform operator at the root, MSPs and direct customers below it, their
 * customers and sites further down. Exposes {@link io.tenantra.tenancy.TenantDirectory}; its
 * rows and SQL stay inside the package.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Tenancy")
package io.tenantra.tenancy;
