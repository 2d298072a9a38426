package io.tenantra.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;

/**
 * Impersonation in the console: the signed-in session switches to the impersonated user, with the
 * original sign-in kept in the session so that ending (or the chosen minutes running out) puts
 * the admin back. The switch renews the session id, like a sign-in does.
 */
@Component
public class ConsoleImpersonation {

    static final String ORIGINAL = ConsoleImpersonation.class.getName() + ".original";
    static final String EXPIRES_AT = ConsoleImpersonation.class.getName() + ".expiresAt";

    private final Impersonation impersonation;
    private final ImpersonatorCheck impersonators;
    private final CredentialGuard guard;
    private final CallContexts calls;
    private final Clock clock;
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

    ConsoleImpersonation(
            Impersonation impersonation,
            ImpersonatorCheck impersonators,
            CredentialGuard guard,
            CallContexts calls,
            Clock clock) {
        this.impersonation = impersonation;
        this.impersonators = impersonators;
        this.guard = guard;
        this.calls = calls;
        this.clock = clock;
    }

    /** Starts acting as {@code userId}; the same rules and audit as the API's impersonation. */
    public Impersonation.Grant begin(
            CurrentUser admin,
            UUID tenantId,
            UUID userId,
            String reason,
            Integer minutes,
            HttpServletRequest request,
            HttpServletResponse response) {
        Authentication original = SecurityContextHolder.getContext().getAuthentication();
        Impersonation.Grant grant =
                impersonation.start(calls.caller(admin, request), tenantId, userId, reason, minutes, "console");
        HttpSession session = request.getSession();
        request.changeSessionId();
        session.setAttribute(ORIGINAL, original);
        session.setAttribute(EXPIRES_AT, grant.expiresAt());
        CurrentUser target = grant.principal();
        switchTo(
                UsernamePasswordAuthenticationToken.authenticated(
                        target, null, ConsoleAuthenticationProvider.authorities(target)),
                request,
                response);
        return grant;
    }

    /** Ends the session's impersonation, if any, and restores the admin; true when there was one. */
    public boolean end(HttpServletRequest request, HttpServletResponse response) {
        return restore(request, response, "ended");
    }

    /** When the session's impersonation has ended: the chosen minutes are up. */
    public Optional<Instant> expiresAt(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session != null && session.getAttribute(EXPIRES_AT) instanceof Instant at
                ? Optional.of(at)
                : Optional.empty();
    }

    /**
     * Called on every console request: ends an impersonation whose time is up, whose target has
     * been deactivated, or whose impersonator may no longer impersonate.
     */
    void enforce(HttpServletRequest request, HttpServletResponse response) {
        Optional<Instant> expiresAt = expiresAt(request);
        if (expiresAt.isEmpty()) {
            return;
        }
        Authentication current = SecurityContextHolder.getContext().getAuthentication();
        boolean valid = current != null
                && current.getPrincipal() instanceof CurrentUser user
                && user.isImpersonated()
                && guard.isValid(user)
                && impersonators.stillAllowed(user);
        if (!expiresAt.get().isAfter(clock.instant())) {
            restore(request, response, "expired");
        } else if (!valid) {
            restore(request, response, "revoked");
        }
    }

    /** Called on console logout: the session ends, and with it any impersonation, which is audited. */
    void loggedOut(Authentication authentication, HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null
                && session.getAttribute(ORIGINAL) != null
                && authentication != null
                && authentication.getPrincipal() instanceof CurrentUser user) {
            impersonation.end(calls.home(user, request), "logout");
        }
    }

    private boolean restore(HttpServletRequest request, HttpServletResponse response, String how) {
        HttpSession session = request.getSession(false);
        if (session == null || !(session.getAttribute(ORIGINAL) instanceof Authentication original)) {
            return false;
        }
        Authentication current = SecurityContextHolder.getContext().getAuthentication();
        session.removeAttribute(ORIGINAL);
        session.removeAttribute(EXPIRES_AT);
        request.changeSessionId();
        switchTo(original, request, response);
        if (current != null && current.getPrincipal() instanceof CurrentUser impersonated) {
            impersonation.end(calls.home(impersonated, request), how);
        }
        return true;
    }

    private void switchTo(Authentication authentication, HttpServletRequest request, HttpServletResponse response) {
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
    }
}
