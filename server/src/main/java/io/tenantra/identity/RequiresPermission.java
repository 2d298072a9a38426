package io.tenantra.identity;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares the permission an API endpoint needs. On paths with a {@code {tenantId}} variable it is
 * checked against that tenant: invisible tenants answer 404, visible ones without the permission
 * 403. Elsewhere the caller needs the permission on at least one tenant (list endpoints then
 * filter by it). Enforced by {@link PermissionInterceptor}; {@code EndpointPermissionsTest}
 * fails for any API endpoint that declares neither this nor {@link io.tenantra.platform.web.AuthenticatedEndpoint} nor
 * {@link io.tenantra.platform.web.PublicEndpoint}.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface RequiresPermission {
    Permission value();
}
