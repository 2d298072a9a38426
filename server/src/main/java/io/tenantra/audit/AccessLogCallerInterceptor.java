package io.tenantra.audit;

import io.tenantra.identity.CurrentUser;
import io.tenantra.identity.TenantAccess;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Notes who called and which tenant the request is about, for the access log. It runs before the
 * permission check (which may reject the request) and while the security context is still set.
 * The tenant is the path's, when the caller can see it, else the caller's home tenant; a caller
 * cannot put rows into the log of a tenant it cannot see.
 */
@Configuration(proxyBeanMethods = false)
class AccessLogCallerInterceptor implements HandlerInterceptor, WebMvcConfigurer {

    static final String CALLER = AccessLogCallerInterceptor.class.getName() + ".caller";

    private final TenantAccess access;

    AccessLogCallerInterceptor(TenantAccess access) {
        this.access = access;
    }

    /** {@code kind} USER or API_KEY. */
    record Caller(String kind, UUID id, UUID tenantId) {}

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/**").order(Ordered.HIGHEST_PRECEDENCE);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof CurrentUser user) {
            UUID pathTenant = pathTenant(request);
            UUID tenant = pathTenant != null && access.canSee(user, pathTenant) ? pathTenant : user.tenantId();
            request.setAttribute(
                    CALLER,
                    user.apiKeyId() != null
                            ? new Caller("API_KEY", user.apiKeyId(), tenant)
                            : new Caller("USER", user.userId(), tenant));
        }
        return true;
    }

    private static UUID pathTenant(HttpServletRequest request) {
        if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables
                && variables.get("tenantId") instanceof String id) {
            return AuditQuery.uuidOrNull(id);
        }
        return null;
    }
}
