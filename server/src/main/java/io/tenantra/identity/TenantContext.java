package io.tenantra.identity;

import io.tenantra.database.TenantScope;
import java.util.UUID;

/**
 * What a tenant-scoped endpoint works with once {@link PermissionInterceptor} has checked the
 * caller: the tenant from the path, its scope, and who is asking. Declare it as a controller
 * method parameter.
 */
public record TenantContext(UUID tenantId, TenantScope scope, CurrentUser user) {}
