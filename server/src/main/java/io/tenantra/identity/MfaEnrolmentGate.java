package io.tenantra.identity;

import io.tenantra.platform.web.ProblemResponseWriter;
import io.tenantra.platform.web.ProblemType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Holds a user whose tenant requires MFA, and who has not enrolled, to enrolment: they may read and
 * edit their profile, enrol, and log out; the API answers everything else with 403
 * {@code mfa-enrolment-required} and the console redirects to the profile page. Runs after Spring
 * Security (a plain servlet filter, ordered after its chain), so the caller is known. Once the
 * user has enrolled the same token or session works at once: the restriction is re-checked in the
 * database rather than trusted from the token.
 */
@Component
class MfaEnrolmentGate extends OncePerRequestFilter {

    // Spring Security's firewall has already refused non-normalised paths (.., ;, encoded slashes).
    private static final List<String> OPEN_PATHS = List.of(
            "/api/v1/me", "/api/v1/me/mfa", "/api/v1/ping", "/profile", "/login", "/logout", "/favicon.ico", "/error");
    private static final List<String> OPEN_PREFIXES = List.of(
            "/api/v1/me/mfa/",
            "/api/v1/auth/",
            "/.well-known/",
            "/actuator/",
            "/profile/",
            "/webjars/",
            "/css/",
            "/js/",
            "/img/");

    private final MfaService mfa;
    private final ProblemResponseWriter problems;

    MfaEnrolmentGate(MfaService mfa, ProblemResponseWriter problems) {
        this.mfa = mfa;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        CurrentUser user = currentUser();
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (user == null || !user.mfaPending() || isOpen(path)) {
            chain.doFilter(request, response);
            return;
        }
        if (!mfa.enrolmentPending(user.tenantId(), user.userId())) {
            chain.doFilter(request, response); // enrolled (or no longer required) since the token was issued
            return;
        }
        if (path.startsWith("/api/")) {
            problems.write(
                    request,
                    response,
                    ProblemType.MFA_ENROLMENT_REQUIRED,
                    "Your organisation requires multi-factor authentication. Enrol an authenticator with"
                            + " POST /api/v1/me/mfa/totp and confirm it before doing anything else.");
        } else {
            response.sendRedirect(request.getContextPath() + "/profile?mfaRequired");
        }
    }

    static boolean isOpen(String path) {
        return OPEN_PATHS.contains(path) || OPEN_PREFIXES.stream().anyMatch(path::startsWith);
    }

    private static CurrentUser currentUser() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof CurrentUser user ? user : null;
    }
}
