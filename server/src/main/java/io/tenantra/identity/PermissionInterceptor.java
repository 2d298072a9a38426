package io.tenantra.identity;

import io.tenantra.platform.audit.AuditAction;
import io.tenantra.platform.audit.AuditEvent;
import io.tenantra.platform.audit.AuditEvents;
import io.tenantra.platform.context.TenantScope;
import io.tenantra.platform.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Enforces {@link RequiresPermission} before a controller runs, and hands the checked
 * {@link TenantContext} to it. Denials are audited.
 */
@Component
class PermissionInterceptor implements HandlerInterceptor {

    static final String CONTEXT_ATTRIBUTE = TenantContext.class.getName();

    private final CallContexts calls;
    private final AuditEvents audit;

    PermissionInterceptor(CallContexts calls, AuditEvents audit) {
        this.calls = calls;
        this.audit = audit;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        RequiresPermission required = method.getMethodAnnotation(RequiresPermission.class);
        if (required == null) {
            return true;
        }
        CurrentUser user = currentUser();
        if (user == null) {
            return true; // the security chain has already answered 401 for protected paths
        }
        UUID tenantId = pathTenant(request);
        try {
            if (tenantId != null) {
                request.setAttribute(CONTEXT_ATTRIBUTE, calls.require(user, tenantId, required.value(), request));
            } else if (!user.permissions().contains(required.value())) {
                throw new MissingPermission(required.value(), "You lack the " + required.value() + " permission.");
            }
        } catch (ApiException e) {
            if (e.type() == io.tenantra.platform.web.ProblemType.FORBIDDEN) {
                UUID denied = tenantId != null ? tenantId : user.tenantId();
                audit.happened(
                        calls.on(user, denied, TenantScope.of(denied), request),
                        AuditAction.ACCESS_DENIED,
                        "endpoint",
                        request.getMethod() + " " + request.getRequestURI(),
                        Map.of("permission", required.value().name()),
                        AuditEvent.Outcome.DENIED);
            }
            throw e;
        }
        return true;
    }

    static CurrentUser currentUser() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof CurrentUser user ? user : null;
    }

    /** Whether the matched route has a {@code {tenantId}} path variable. */
    static boolean pathNamesTenant(HttpServletRequest request) {
        return request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> map
                && map.containsKey("tenantId");
    }

    @SuppressWarnings("unchecked")
    private static UUID pathTenant(HttpServletRequest request) {
        if (!pathNamesTenant(request)) {
            return null;
        }
        Map<String, String> map =
                (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        try {
            return UUID.fromString(String.valueOf(map.get("tenantId")));
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("The tenant");
        }
    }
}
