package io.tenantra.audit;

import io.tenantra.platform.web.RequestIdFilter;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * Times every {@code /api/**} request, from just after the request id is assigned to the last
 * byte of the response (streamed responses included), and hands one access-log row to
 * {@link AccessLogBuffer}. Runs outside the security filters, so rejected requests are logged
 * too. The caller and tenant come from {@link AccessLogCallerInterceptor}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class AccessLogServletFilter extends OncePerRequestFilter {

    static final String UNMATCHED = "(unmatched)";

    private final AccessLogBuffer buffer;
    private final ObjectProvider<RequestMappingHandlerMapping> mappings;
    private final JdbcClient jdbc;
    private final Clock clock;
    private volatile UUID rootTenant;

    AccessLogServletFilter(
            AccessLogBuffer buffer,
            @Qualifier("requestMappingHandlerMapping") ObjectProvider<RequestMappingHandlerMapping> mappings,
            JdbcClient jdbc,
            Clock clock) {
        this.buffer = buffer;
        this.mappings = mappings;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long started = System.nanoTime();
        Instant at = clock.instant();
        boolean failed = true;
        try {
            chain.doFilter(request, response);
            failed = false;
        } finally {
            if (request.isAsyncStarted()) {
                // A streamed body (an export) is done only when the async request completes.
                request.getAsyncContext().addListener(new AsyncListener() {
                    @Override
                    public void onComplete(AsyncEvent event) {
                        record(request, response, started, at, false);
                    }

                    @Override
                    public void onTimeout(AsyncEvent event) {}

                    @Override
                    public void onError(AsyncEvent event) {}

                    @Override
                    public void onStartAsync(AsyncEvent event) {}
                });
            } else {
                record(request, response, started, at, failed);
            }
        }
    }

    private void record(
            HttpServletRequest request, HttpServletResponse response, long started, Instant at, boolean failed) {
        var caller =
                request.getAttribute(AccessLogCallerInterceptor.CALLER) instanceof AccessLogCallerInterceptor.Caller c
                        ? c
                        : null;
        UUID tenant = caller != null ? caller.tenantId() : rootTenant();
        if (tenant == null) {
            return; // before the first start has created the root tenant
        }
        int status = response.getStatus();
        if (failed && status < 400) {
            status = 500; // an exception escaped: the container answers 500
        }
        if (status < 100 || status > 599) {
            status = 500;
        }
        Object requestId = request.getAttribute(RequestIdFilter.ATTRIBUTE);
        buffer.add(new AccessLogEntry(
                tenant,
                at,
                truncate(request.getMethod(), 16),
                truncate(template(request), 300),
                status,
                (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - started) / 1_000_000L),
                caller == null ? "ANONYMOUS" : caller.kind(),
                caller == null ? null : caller.id(),
                requestId == null ? null : truncate(requestId.toString(), 128)));
    }

    /**
     * The route that matched. Requests the security filters rejected never reached Spring MVC,
     * and failed ones may carry the error page's pattern; for those the route is looked up.
     */
    private String template(HttpServletRequest request) {
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        if (pattern instanceof String p && p.startsWith("/api/")) {
            return p;
        }
        RequestMappingHandlerMapping mapping = mappings.getIfAvailable();
        if (mapping == null) {
            return UNMATCHED;
        }
        Object parsedPath = request.getAttribute(ServletRequestPathUtils.PATH_ATTRIBUTE);
        try {
            ServletRequestPathUtils.parseAndCache(request);
            request.removeAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
            HandlerExecutionChain handler = mapping.getHandler(request);
            Object found = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
            return handler != null && found instanceof String p ? p : UNMATCHED;
        } catch (Exception e) {
            return UNMATCHED; // e.g. a method this route does not support
        } finally {
            request.setAttribute(ServletRequestPathUtils.PATH_ATTRIBUTE, parsedPath);
        }
    }

    private UUID rootTenant() {
        UUID root = rootTenant;
        if (root == null) {
            root = jdbc.sql("SELECT root_tenant_id()")
                    .query(UUID.class)
                    .optional()
                    .orElse(null);
            rootTenant = root;
        }
        return root;
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
