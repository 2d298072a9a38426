package io.tenantra.tenantadmin.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.platform.audit.AuditEvent;
import io.tenantra.support.AuditRecorder;
import io.tenantra.support.Fixtures;
import io.tenantra.support.Http;
import io.tenantra.support.ServerTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The tenant panel's actions over HTTP: edit name and settings, change the plan, delete behind a
 * typed slug, each with the API's rules and audit; readers get no forms and 403 on a POST, an
 * invisible tenant is 404. World: P above A and B; C below A; D below C.
 */
@ServerTest
class TenantPageActionsTest {

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fx;

    @Autowired
    AuditRecorder audit;

    Http http;
    String admin;
    UUID a;
    UUID b;
    UUID c;
    UUID d;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        UUID p = fx.tenant(fx.root(), "p");
        a = fx.tenant(p, "a");
        b = fx.tenant(p, "b");
        c = fx.tenant(a, "c");
        d = fx.tenant(c, "d");
        admin = http.loginAdmin();
    }

    private ConsoleVisitor signedIn(String username) {
        ConsoleVisitor session = new ConsoleVisitor(http);
        assertThat(session.logIn(username, Fixtures.PASSWORD).status()).isEqualTo(302);
        return session;
    }

    private String field(UUID tenant, String name) {
        return http.get("/api/v1/tenants/" + tenant, admin).json().get(name).asString();
    }

    @Test
    void anMspAdminEditsNameAndSettingsAndTheChangeIsAudited() {
        ConsoleVisitor session = signedIn(fx.user(a, "MSP_ADMIN"));
        String panel = session.get("/tenants/" + c).body();
        assertThat(panel).contains("data-testid=\"edit-form\"", "data-testid=\"plan-form\"", "delete-form");
        // The parent by name, its id only in the title.
        assertThat(panel).contains("data-testid=\"detail-parent\"", "title=\"" + a + "\"");

        Http.Response edited = session.htmxPost(
                "/tenants/" + c + "/edit",
                Map.of("name", "Renamed C", "passwordMinLength", "14", "mfaRequired", "true", "enabledModules", ""));

        assertThat(edited.status()).isEqualTo(200);
        assertThat(edited.body()).contains("Renamed C", "hx-swap-oob=\"true\"");
        assertThat(field(c, "name")).isEqualTo("Renamed C");
        var settings = http.get("/api/v1/tenants/" + c, admin).json().get("settings");
        assertThat(settings.get("passwordMinLength").asInt()).isEqualTo(14);
        assertThat(settings.get("mfaRequired").asBoolean()).isTrue();
        assertThat(audit.events("tenant.update", c)).hasSize(1);

        Http.Response invalid =
                session.htmxPost("/tenants/" + c + "/edit", Map.of("name", "Renamed C", "passwordMinLength", "3"));
        assertThat(invalid.body()).contains("data-testid=\"edit-error\"", "passwordMinLength", "from 8 to 128");
        assertThat(http.get("/api/v1/tenants/" + c, admin)
                        .json()
                        .get("settings")
                        .get("passwordMinLength")
                        .asInt())
                .isEqualTo(14);
    }

    @Test
    void thePlanIsChangedFromAboveOnly() {
        ConsoleVisitor session = signedIn(fx.user(a, "MSP_ADMIN"));
        session.get("/tenants/" + c);

        Http.Response changed = session.htmxPost("/tenants/" + c + "/plan", Map.of("plan", "ENTERPRISE"));
        assertThat(changed.status()).isEqualTo(200);
        assertThat(field(c, "plan")).isEqualTo("ENTERPRISE");
        assertThat(audit.events("tenant.update", c)).hasSize(1);

        // A's own admins cannot upgrade A: no form, and a forged POST is refused and recorded.
        assertThat(session.get("/tenants/" + a).body()).doesNotContain("plan-form");
        Http.Response refused = session.htmxPost("/tenants/" + a + "/plan", Map.of("plan", "ENTERPRISE"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(field(a, "plan")).isNotEqualTo("ENTERPRISE");
        assertThat(audit.find("access.denied", a)).isNotEmpty();
    }

    @Test
    void deletingNeedsTheSlugAndAnEmptyTenant() {
        ConsoleVisitor session = signedIn(fx.user(a, "MSP_ADMIN"));
        session.get("/tenants/" + c);
        String slugC = field(c, "slug");
        String slugD = field(d, "slug");

        Http.Response typo = session.htmxPost("/tenants/" + d + "/delete", Map.of("confirmSlug", slugC));
        assertThat(typo.body()).contains("data-testid=\"delete-error\"", "Type the tenant&#39;s slug");
        assertThat(http.get("/api/v1/tenants/" + d, admin).status()).isEqualTo(200);

        // The safeguard: C still has D below it.
        Http.Response withChild = session.htmxPost("/tenants/" + c + "/delete", Map.of("confirmSlug", slugC));
        assertThat(withChild.status()).isEqualTo(200);
        assertThat(withChild.body()).contains("data-testid=\"delete-error\"", "1 child tenant");
        assertThat(http.get("/api/v1/tenants/" + c, admin).status()).isEqualTo(200);

        Http.Response deleted = session.htmxPost("/tenants/" + d + "/delete", Map.of("confirmSlug", slugD));
        assertThat(deleted.header("HX-Redirect")).isEqualTo("/tenants/" + c + "?deleted=" + slugD);
        assertThat(http.get("/api/v1/tenants/" + d, admin).status()).isEqualTo(404);
        assertThat(audit.events("tenant.delete", d)).hasSize(1);
        assertThat(session.get("/tenants/" + c + "?deleted=" + slugD).body()).contains("tenant-deleted");
    }

    @Test
    void aTenantWithAnAgentIsNotDeleted() throws Exception {
        Http.Response token = http.postJson(
                "/api/v1/tenants/" + d + "/enrollment-tokens", admin, Map.of("name", Fixtures.unique("token")));
        assertThat(token.status()).isEqualTo(201);
        String publicKey = java.util.Base64.getEncoder()
                .encodeToString(java.security.KeyPairGenerator.getInstance("Ed25519")
                        .generateKeyPair()
                        .getPublic()
                        .getEncoded());
        Http.Response enrolled = http.postJson(
                "/api/v1/agent/enroll",
                null,
                Map.of(
                        "token", token.json().get("token").asString(),
                        "publicKey", publicKey,
                        "tags", Map.of(),
                        "host",
                                Map.of(
                                        "hostname", Fixtures.unique("host"),
                                        "osFamily", "linux",
                                        "osVersion", "12",
                                        "architecture", "amd64",
                                        "agentVersion", "0.1.0",
                                        "ipAddresses", java.util.List.of("10.0.0.9"))));
        assertThat(enrolled.status()).isEqualTo(201);
        ConsoleVisitor session = signedIn(fx.user(a, "MSP_ADMIN"));
        session.get("/tenants/" + d);

        Http.Response refused = session.htmxPost("/tenants/" + d + "/delete", Map.of("confirmSlug", field(d, "slug")));

        assertThat(refused.body()).contains("data-testid=\"delete-error\"", "suspend the tenant instead");
        assertThat(http.get("/api/v1/tenants/" + d, admin).status()).isEqualTo(200);
        assertThat(audit.events("tenant.delete", d)).isEmpty();
    }

    @Test
    void aReaderSeesNoFormsAndIsRefusedEveryChange() {
        ConsoleVisitor session = signedIn(fx.user(a, "READONLY"));
        String panel = session.get("/tenants/" + c).body();
        assertThat(panel).contains("data-testid=\"tenant-detail\"");
        assertThat(panel)
                .doesNotContain("edit-form")
                .doesNotContain("plan-form")
                .doesNotContain("delete-form");
        assertThat(session.htmxPost("/tenants/" + c + "/edit", Map.of("name", "Hijacked"))
                        .status())
                .isEqualTo(403);
        assertThat(session.htmxPost("/tenants/" + c + "/plan", Map.of("plan", "PRO"))
                        .status())
                .isEqualTo(403);
        assertThat(session.htmxPost("/tenants/" + d + "/delete", Map.of("confirmSlug", field(d, "slug")))
                        .status())
                .isEqualTo(403);
        assertThat(field(c, "name")).isNotEqualTo("Hijacked");
        assertThat(http.get("/api/v1/tenants/" + d, admin).status()).isEqualTo(200);
        assertThat(audit.matching(e -> e.outcome() == AuditEvent.Outcome.DENIED
                        && String.valueOf(d).equals(e.targetId())))
                .isNotEmpty();
    }

    @Test
    void anotherTenantIsNotFound() {
        ConsoleVisitor session = signedIn(fx.user(a, "MSP_ADMIN"));
        session.get("/tenants/" + a);

        assertThat(session.htmxPost("/tenants/" + b + "/edit", Map.of("name", "Not yours"))
                        .status())
                .isEqualTo(404);
        assertThat(session.htmxPost("/tenants/" + b + "/plan", Map.of("plan", "PRO"))
                        .status())
                .isEqualTo(404);
        assertThat(session.htmxPost("/tenants/" + b + "/delete", Map.of("confirmSlug", field(b, "slug")))
                        .status())
                .isEqualTo(404);
        assertThat(http.get("/api/v1/tenants/" + b, admin).status()).isEqualTo(200);
    }

    @Test
    void theTableSearchesSortsPagesAndExports() {
        ConsoleVisitor session = signedIn(fx.user(a, "READONLY"));
        String slugC = field(c, "slug");

        String all = session.get("/tenants").body();
        assertThat(all).contains("data-testid=\"tenant-table\"", "3 tenants · page 1 of 1");

        String searched = session.htmxGet("/tenants?q=" + slugC).body();
        assertThat(searched).doesNotContain("<html").contains("1 tenants · page 1 of 1", slugC);

        String paged = session.htmxGet("/tenants?size=1&sort=-created&page=2").body();
        assertThat(paged).contains("page 2 of 3", "tenant-previous", "tenant-next");
        // Newest first: page 1 of one row is D, the last created.
        assertThat(session.htmxGet("/tenants?size=1&sort=-created").body()).contains(field(d, "slug"));
        assertThat(session.htmxGet("/tenants?size=1&sort=created").body()).contains(field(a, "slug"));

        Http.Response csv = session.get("/tenants?format=csv&q=" + slugC);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(csv.body().lines()).hasSize(2);
        assertThat(csv.body()).contains(c + ",", slugC);
    }
}
