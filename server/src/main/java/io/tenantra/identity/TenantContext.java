package io.tenantra.identity;

import io.tenantra.platform.context.CallContext;
import io.tenantra.platform.context.TenantScope;
import java.util.UUID;

/**
 * What a tenant-scoped endpoint or page works with once the caller's permission on the tenant
 * has been checked ({@link PermissionInterceptor} for API paths with {@code {tenantId}},
 * {@link CallContexts#require} for pages): the {@link CallContext} to hand to facades, and the
 * caller's identity for the few facades that decide by role bindings. Declare it as a controller
 * method parameter on API endpoints.
 */
public record TenantContext(CurrentUser user, CallContext call) {

    public UUID tenantId() {
        return call.tenantId();
    }

    public TenantScope scope() {
        return call.scope();
    }
}
