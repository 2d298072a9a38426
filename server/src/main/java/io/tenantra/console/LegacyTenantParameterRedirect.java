package io.tenantra.console;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.StringJoiner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps old console links working after the console settled on one tenant parameter: a GET of a
 * console page carrying {@code tenantId=} and no {@code tenant=} is answered with a 302 to the
 * same path and query with {@code tenantId} renamed {@code tenant} (bookmarks, links in e-mails
 * and tickets written before the change). The API is untouched: there {@code tenantId} is a path
 * variable, and an API client deserves its 4xx rather than a silent redirect. Other methods are
 * not redirected either, since a redirected POST loses its body.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10) // after the request id and relative-redirect filters, before security
class LegacyTenantParameterRedirect extends OncePerRequestFilter {

    static final String OLD = "tenantId";
    static final String NEW = "tenant";

    // Paths that are not console pages: the API, operations endpoints and static resources.
    private static final List<String> NOT_PAGES = List.of("/api/", "/actuator/", "/webjars/", "/css/", "/js/", "/img/");

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        if (!"GET".equals(request.getMethod()) || request.getQueryString() == null) {
            return true;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return NOT_PAGES.stream().anyMatch(path::startsWith);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String renamed = renamed(request.getQueryString());
        if (renamed == null) {
            chain.doFilter(request, response);
            return;
        }
        response.sendRedirect(request.getRequestURI() + "?" + renamed);
    }

    /**
     * The raw query with every {@code tenantId} parameter renamed (values and the order of the
     * other parameters kept byte for byte); null when there is none, or when {@code tenant} is
     * already there (then the new name wins and the old one is simply ignored).
     */
    static String renamed(String query) {
        StringJoiner result = new StringJoiner("&");
        boolean found = false;
        for (String part : query.split("&", -1)) {
            int equals = part.indexOf('=');
            String name = equals < 0 ? part : part.substring(0, equals);
            if (name.equals(NEW)) {
                return null;
            }
            if (name.equals(OLD)) {
                found = true;
                result.add(NEW + part.substring(name.length()));
            } else {
                result.add(part);
            }
        }
        return found ? result.toString() : null;
    }
}
