package io.tenantra.identity;

import io.tenantra.platform.context.CallContext;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Registers the permission check and the {@link TenantContext} and {@link CallContext} controller arguments. */
@Configuration(proxyBeanMethods = false)
class IdentityWebConfiguration implements WebMvcConfigurer {

    private final PermissionInterceptor permissions;
    private final CallContexts calls;

    IdentityWebConfiguration(PermissionInterceptor permissions, CallContexts calls) {
        this.permissions = permissions;
        this.calls = calls;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(permissions);
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new HandlerMethodArgumentResolver() {
            @Override
            public boolean supportsParameter(MethodParameter parameter) {
                return parameter.getParameterType() == TenantContext.class;
            }

            @Override
            public Object resolveArgument(
                    MethodParameter parameter,
                    ModelAndViewContainer container,
                    NativeWebRequest request,
                    WebDataBinderFactory binders) {
                Object context =
                        request.getAttribute(PermissionInterceptor.CONTEXT_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
                if (context != null) {
                    return context;
                }
                if (PermissionInterceptor.pathNamesTenant(request.getNativeRequest(HttpServletRequest.class))) {
                    // A TenantContext parameter without @RequiresPermission on a {tenantId} path is a bug.
                    throw new IllegalStateException("TenantContext requested on an endpoint without a tenant check");
                }
                CurrentUser user = PermissionInterceptor.currentUser();
                if (user == null) {
                    throw new IllegalStateException("TenantContext requested on an endpoint open to anonymous callers");
                }
                // Platform-level endpoints (the tenant list, tenant creation): the caller on their home tenant.
                return calls.caller(user, request.getNativeRequest(HttpServletRequest.class));
            }
        });
        resolvers.add(new HandlerMethodArgumentResolver() {
            @Override
            public boolean supportsParameter(MethodParameter parameter) {
                return parameter.getParameterType() == CallContext.class;
            }

            /** The checked tenant's context on {tenantId} paths; elsewhere the caller on their home tenant. */
            @Override
            public Object resolveArgument(
                    MethodParameter parameter,
                    ModelAndViewContainer container,
                    NativeWebRequest request,
                    WebDataBinderFactory binders) {
                Object context =
                        request.getAttribute(PermissionInterceptor.CONTEXT_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
                if (context instanceof TenantContext tenant) {
                    return tenant.call();
                }
                CurrentUser user = PermissionInterceptor.currentUser();
                if (user == null) {
                    throw new IllegalStateException("CallContext requested on an endpoint open to anonymous callers");
                }
                return calls.home(user, request.getNativeRequest(HttpServletRequest.class));
            }
        });
    }
}
