package io.tenantra.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Makes every redirect to the server itself relative. Some components build absolute URLs from the
 * request's {@code Host} header (Spring Security's login entry point does), and that header is
 * chosen by the client: {@code Host: evil.example} would otherwise answer {@code Location:
 * http://evil.example/login}, which a shared cache or a careless proxy can serve to others. A
 * redirect whose scheme and authority are the request's own loses them; a redirect elsewhere
 * (an identity provider, say) is left alone, since it was not derived from the header.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
public class RelativeRedirectFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(request, new RelativeRedirects(request, response));
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    /** {@code location} without its scheme and authority when they are those of {@code request}. */
    static String relative(HttpServletRequest request, String location) {
        if (location == null) {
            return null;
        }
        URI uri;
        try {
            uri = new URI(location);
        } catch (URISyntaxException e) {
            return location;
        }
        if (!uri.isAbsolute() || uri.getRawAuthority() == null) {
            return location;
        }
        String requestAuthority = request.getHeader(HttpHeaders.HOST);
        if (requestAuthority == null) {
            requestAuthority = request.getServerName() + ":" + request.getServerPort();
        }
        boolean sameHost = uri.getRawAuthority().equalsIgnoreCase(requestAuthority)
                || (uri.getHost() != null && uri.getHost().equalsIgnoreCase(request.getServerName()));
        if (!sameHost || !uri.getScheme().equalsIgnoreCase(request.getScheme())) {
            return location;
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        // "//host" would be read as another authority: keep a single leading slash.
        path = "/" + path.replaceFirst("^/+", "");
        return path
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())
                + (uri.getRawFragment() == null ? "" : "#" + uri.getRawFragment());
    }

    private static final class RelativeRedirects extends HttpServletResponseWrapper {

        private final HttpServletRequest request;

        RelativeRedirects(HttpServletRequest request, HttpServletResponse response) {
            super(response);
            this.request = request;
        }

        @Override
        public void sendRedirect(String location) throws IOException {
            super.sendRedirect(relative(request, location));
        }

        @Override
        public void sendRedirect(String location, boolean clearBuffer) throws IOException {
            super.sendRedirect(relative(request, location), clearBuffer);
        }

        @Override
        public void sendRedirect(String location, int sc) throws IOException {
            super.sendRedirect(relative(request, location), sc);
        }

        @Override
        public void sendRedirect(String location, int sc, boolean clearBuffer) throws IOException {
            super.sendRedirect(relative(request, location), sc, clearBuffer);
        }

        @Override
        public void setHeader(String name, String value) {
            super.setHeader(name, HttpHeaders.LOCATION.equalsIgnoreCase(name) ? relative(request, value) : value);
        }

        @Override
        public void addHeader(String name, String value) {
            super.addHeader(name, HttpHeaders.LOCATION.equalsIgnoreCase(name) ? relative(request, value) : value);
        }
    }
}
