package io.tenantra.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.platform.audit.AuditEvent;
import io.tenantra.support.AuditRecorder;
import io.tenantra.support.Fixtures;
import io.tenantra.support.ServerTest;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

/**
 * A console impersonation ends by itself when its minutes are up. Waiting real minutes in a test
 * is not an option, so this drives the per-request check directly with a session whose deadline
 * has passed; the HTTP round trip around it is covered by ConsoleImpersonationTest.
 */
@ServerTest
class ConsoleImpersonationExpiryTest {

    @Autowired
    ConsoleImpersonation console;

    @Autowired
    Impersonation impersonation;

    @Autowired
    AuthService auth;

    @Autowired
    CallContexts calls;

    @Autowired
    Fixtures fx;

    @Autowired
    AccessFixtures access;

    @Autowired
    AuditRecorder audit;

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    private MockHttpServletRequest impersonating(Instant expiresAt, UUID[] targetId) {
        UUID tenant = fx.tenant(fx.root(), "expiry");
        String msp = fx.user(tenant, "MSP_ADMIN");
        String target = fx.user(tenant, "READONLY");
        targetId[0] = access.userId(target);
        CurrentUser admin = auth.authenticate(msp, Fixtures.PASSWORD).orElseThrow();
        Authentication original = UsernamePasswordAuthenticationToken.authenticated(admin, null, List.of());
        Impersonation.Grant grant = impersonation.start(
                calls.caller(admin, new MockHttpServletRequest()), tenant, targetId[0], "expiry test", 1, "console");
        MockHttpSession session = new MockHttpSession();
        session.setAttribute(ConsoleImpersonation.ORIGINAL, original);
        session.setAttribute(ConsoleImpersonation.EXPIRES_AT, expiresAt);
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(grant.principal(), null, List.of()));
        SecurityContextHolder.setContext(context);
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/");
        request.setSession(session);
        return request;
    }

    @Test
    void anImpersonationPastItsTimeRestoresTheAdminAndIsAudited() {
        UUID[] target = new UUID[1];
        MockHttpServletRequest request = impersonating(Instant.now().minusSeconds(1), target);

        console.enforce(request, new MockHttpServletResponse());

        CurrentUser now = (CurrentUser)
                SecurityContextHolder.getContext().getAuthentication().getPrincipal();
        assertThat(now.isImpersonated()).isFalse();
        assertThat(request.getSession().getAttribute(ConsoleImpersonation.ORIGINAL))
                .isNull();
        SecurityContext saved = (SecurityContext)
                request.getSession().getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
        assertThat(((CurrentUser) saved.getAuthentication().getPrincipal()).userId())
                .isEqualTo(now.userId());
        List<AuditEvent> ends = audit.find("impersonation.end", target[0]);
        assertThat(ends).hasSize(1);
        assertThat(ends.get(0).changes()).containsEntry("how", "expired");
    }

    @Test
    void anImpersonationWithinItsTimeIsLeftAlone() {
        UUID[] target = new UUID[1];
        MockHttpServletRequest request = impersonating(Instant.now().plusSeconds(60), target);

        console.enforce(request, new MockHttpServletResponse());

        CurrentUser now = (CurrentUser)
                SecurityContextHolder.getContext().getAuthentication().getPrincipal();
        assertThat(now.isImpersonated()).isTrue();
        assertThat(now.userId()).isEqualTo(target[0]);
        assertThat(audit.find("impersonation.end", target[0])).isEmpty();
    }
}
