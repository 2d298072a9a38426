package io.tenantra.identity;

import io.tenantra.platform.context.CallContext;
import io.tenantra.platform.context.Origin;
import io.tenantra.platform.context.TenantScope;
import io.tenantra.platform.web.Origins;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Builds the {@link CallContext} of a signed-in caller at the edge: once per request, from the
 * authenticated {@link CurrentUser}, the request's origin and the injected clock. Controllers and
 * pages receive it as an argument and pass it on; nothing below the edge looks it up.
 */
@Component
public class CallContexts {

    private final TenantAccess access;
    private final Clock clock;

    CallContexts(TenantAccess access, Clock clock) {
        this.access = access;
        this.clock = clock;
    }

    /**
     * The context for acting on {@code tenantId} after checking the caller holds {@code permission}
     * there: 404 when the tenant is invisible or unknown, 403 when visible but not permitted.
     */
    public TenantContext require(CurrentUser user, UUID tenantId, Permission permission, HttpServletRequest request) {
        TenantScope scope = access.require(user, tenantId, permission);
        return new TenantContext(user, on(user, tenantId, scope, request));
    }

    /**
     * The caller on their home tenant, with their identity, for facades that decide by role
     * bindings across several tenants (the tenant tree, user administration).
     */
    public TenantContext caller(CurrentUser user, HttpServletRequest request) {
        return new TenantContext(user, home(user, request));
    }

    /** The caller acting on their own home tenant (profile, MFA, logout, platform-level lists). */
    public CallContext home(CurrentUser user, HttpServletRequest request) {
        return home(user, Origins.of(request));
    }

    /** The caller acting on {@code tenantId} within {@code scope}; the permission check is the caller's job. */
    public CallContext on(CurrentUser user, UUID tenantId, TenantScope scope, HttpServletRequest request) {
        return on(user, tenantId, scope, Origins.of(request));
    }

    /**
     * The user acting on their own home tenant from {@code origin}: for edges that read the origin
     * before the user is known (sign-in, token refresh) and so have no request to hand on.
     */
    public CallContext home(CurrentUser user, Origin origin) {
        return on(user, user.tenantId(), TenantScope.of(user.tenantId()), origin);
    }

    private CallContext on(CurrentUser user, UUID tenantId, TenantScope scope, Origin origin) {
        return new CallContext(scope, tenantId, user.actor(), user.userId(), origin, clock.instant());
    }
}
