package io.tenantra.useradmin.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.platform.audit.AuditEvent;
import io.tenantra.support.AuditRecorder;
import io.tenantra.support.Fixtures;
import io.tenantra.support.Http;
import io.tenantra.support.ServerTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Console impersonation over HTTP with a real session cookie: start, act, end, and the trail. */
@ServerTest
class ConsoleImpersonationTest {

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fx;

    @Autowired
    AuditRecorder audit;

    @Autowired
    JdbcClient jdbc;

    UUID parent;
    UUID tenant;
    String msp;
    String target;
    UUID targetId;

    @BeforeEach
    void world() {
        parent = fx.tenant(fx.root(), "cimp-parent");
        tenant = fx.tenant(parent, "cimp");
        msp = fx.user(parent, "MSP_ADMIN");
        target = fx.user(tenant, "ADMIN");
        targetId = userId(target);
    }

    private UUID userId(String username) {
        return jdbc.sql("SELECT user_id FROM auth_find_login(?)")
                .param(username)
                .query(UUID.class)
                .single();
    }

    private Map<String, String> form(String reason) {
        return Map.of("tenant", tenant.toString(), "userId", targetId.toString(), "reason", reason, "minutes", "5");
    }

    @Test
    void anAdminActsAsAUserAndComesBack() {
        ConsoleSession session = new ConsoleSession(port).login(msp, Fixtures.PASSWORD);

        Http.Response page = session.get("/impersonate?tenant=" + tenant);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains(target).contains("data-testid=\"act-as\"");

        Http.Response start = session.post("/console/impersonate", form("Ticket 99: dashboard looks empty"));
        assertThat(start.status()).isEqualTo(302);
        assertThat(start.header("Location")).endsWith("/");

        Http.Response home = session.get("/");
        assertThat(home.status()).isEqualTo(200);
        assertThat(home.body())
                .contains("data-testid=\"impersonation-banner\"")
                .containsPattern("data-testid=\"signed-in-user\">" + target + "<")
                .contains("on behalf of <strong>" + msp + "</strong>");

        List<AuditEvent> starts = audit.find("impersonation.start", targetId);
        assertThat(starts).hasSize(1);
        assertThat(starts.get(0).actor().id()).isEqualTo(userId(msp));
        assertThat(starts.get(0).changes())
                .containsEntry("via", "console")
                .containsEntry("reason", "Ticket 99: dashboard looks empty")
                .containsEntry("minutes", 5L);

        // As the target: their pages, but no creating API keys while impersonating.
        Http.Response keys = session.get("/api-keys");
        assertThat(keys.status()).isEqualTo(200);
        assertThat(keys.body()).doesNotContain("data-testid=\"create-key-form\"");
        // Nor starting another impersonation (the ADMIN lacks IMPERSONATE anyway).
        assertThat(session.get("/impersonate").status()).isEqualTo(403);

        Http.Response end = session.post("/console/impersonate/end", Map.of());
        assertThat(end.status()).isEqualTo(302);
        assertThat(end.header("Location")).endsWith("/impersonate");

        Http.Response back = session.get("/");
        assertThat(back.body())
                .doesNotContain("data-testid=\"impersonation-banner\"")
                .containsPattern("data-testid=\"signed-in-user\">" + msp + "<");
        List<AuditEvent> ends = audit.find("impersonation.end", targetId);
        assertThat(ends).hasSize(1);
        assertThat(ends.get(0).actor().id()).isEqualTo(userId(msp));
        assertThat(ends.get(0).tenantId()).isEqualTo(tenant);
        assertThat(ends.get(0).changes()).containsEntry("how", "ended");

        // Ending again is harmless and records nothing more.
        assertThat(session.post("/console/impersonate/end", Map.of()).header("Location"))
                .endsWith("/");
        assertThat(audit.find("impersonation.end", targetId)).hasSize(1);
    }

    @Test
    void loggingOutWhileImpersonatingEndsItOnTheRecord() {
        ConsoleSession session = new ConsoleSession(port).login(msp, Fixtures.PASSWORD);
        session.get("/impersonate?tenant=" + tenant);
        assertThat(session.post("/console/impersonate", form("Ticket 100: checking a report"))
                        .status())
                .isEqualTo(302);
        session.get("/");

        Http.Response logout = session.post("/logout", Map.of());
        assertThat(logout.status()).isEqualTo(302);
        assertThat(logout.header("Location")).endsWith("/login?logout");
        List<AuditEvent> ends = audit.find("impersonation.end", targetId);
        assertThat(ends).hasSize(1);
        assertThat(ends.get(0).changes()).containsEntry("how", "logout");
        // Neither identity survives the logout.
        assertThat(session.get("/").status()).isEqualTo(302);
    }

    @Test
    void aRefusedStartSaysWhyAndChangesNothing() {
        ConsoleSession session = new ConsoleSession(port).login(msp, Fixtures.PASSWORD);
        session.get("/impersonate?tenant=" + tenant);

        Http.Response start = session.post("/console/impersonate", form("no"));
        assertThat(start.status()).isEqualTo(302);
        assertThat(start.header("Location")).contains("/impersonate?tenant=" + tenant);
        Http.Response page = session.get("/impersonate?tenant=" + tenant);
        assertThat(page.body()).contains("data-testid=\"impersonate-error\"").contains("reason");
        assertThat(session.get("/").body()).doesNotContain("impersonation-banner");
        assertThat(audit.find("impersonation.start", targetId)).isEmpty();
    }

    @Test
    void thePageIsOnlyForImpersonatorsAndTheirTenants() {
        ConsoleSession admin = new ConsoleSession(port).login(fx.user(tenant, "ADMIN"), Fixtures.PASSWORD);
        assertThat(admin.get("/impersonate").status()).isEqualTo(403);
        assertThat(admin.get("/").body()).doesNotContain("href=\"/impersonate\"");

        UUID other = fx.tenant(fx.root(), "cimp-other");
        ConsoleSession mspSession = new ConsoleSession(port).login(msp, Fixtures.PASSWORD);
        assertThat(mspSession.get("/").body()).contains("href=\"/impersonate\"");
        assertThat(mspSession.get("/impersonate?tenant=" + other).status()).isEqualTo(404);
        mspSession.get("/impersonate");
        Http.Response forged = mspSession.post(
                "/console/impersonate",
                Map.of("tenant", other.toString(), "userId", UUID.randomUUID().toString(), "reason", "sneaky one"));
        assertThat(forged.status()).isEqualTo(404);

        ConsoleSession anonymous = new ConsoleSession(port);
        Http.Response redirected = anonymous.get("/impersonate");
        assertThat(redirected.status()).isEqualTo(302);
        assertThat(redirected.header("Location")).endsWith("/login");
    }
}
