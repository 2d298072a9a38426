package io.tenantra.tenantadmin.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.support.AuditRecorder;
import io.tenantra.support.Fixtures;
import io.tenantra.support.Http;
import io.tenantra.support.ServerTest;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The tenants page over plain HTTP, signed in through the console's login form: the tree shows
 * what the user may read and nothing else, detail panels come as htmx fragments, and the forms
 * create, suspend and refuse exactly as the API does.
 */
@ServerTest
class TenantsPageTest {

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fx;

    @Autowired
    AuditRecorder audit;

    Http http;
    UUID p;
    UUID a;
    UUID c;
    UUID b;
    String slugA;
    String slugC;
    String slugB;
    String slugP;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        p = fx.tenant(fx.root(), "p");
        a = fx.tenant(p, "a");
        c = fx.tenant(a, "c");
        b = fx.tenant(p, "b");
        String admin = http.loginAdmin();
        slugP = slug(admin, p);
        slugA = slug(admin, a);
        slugC = slug(admin, c);
        slugB = slug(admin, b);
    }

    private String slug(String token, UUID tenant) {
        return http.get("/api/v1/tenants/" + tenant, token).json().get("slug").asString();
    }

    private ConsoleVisitor signedIn(String username) {
        ConsoleVisitor session = new ConsoleVisitor(http);
        Http.Response login = session.logIn(username, Fixtures.PASSWORD);
        assertThat(login.status()).isEqualTo(302);
        assertThat(login.header("Location")).doesNotContain("error");
        return session;
    }

    private static int count(String html, String needle) {
        Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(html);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    void theTreeShowsTheUsersTenantsAndNotASiblingsOrTheParent() {
        ConsoleVisitor session = signedIn(fx.user(a, "READONLY"));

        Http.Response page = session.get("/tenants");

        assertThat(page.status()).isEqualTo(200);
        String html = page.body();
        assertThat(html).contains("data-testid=\"tenant-tree\"");
        assertThat(html).contains("data-slug=\"" + slugA + "\"", "data-slug=\"" + slugC + "\"");
        assertThat(html).doesNotContain(slugB).doesNotContain(slugP);
        assertThat(count(html, "data-testid=\"tenant-node\"")).isEqualTo(2);
        assertThat(html).contains("1 child"); // A's badge
        // The navigation offers the page; a reader gets neither forms nor buttons.
        assertThat(html).contains("href=\"/tenants\"");
        assertThat(session.get("/tenants/" + a).body())
                .doesNotContain("create-child-form")
                .doesNotContain("suspend-button");
    }

    @Test
    void theDetailPanelIsAFragmentForHtmxAndAWholePageOtherwise() {
        ConsoleVisitor session = signedIn(fx.user(a, "MSP_ADMIN"));

        Http.Response fragment = session.htmxGet("/tenants/" + c);
        assertThat(fragment.status()).isEqualTo(200);
        assertThat(fragment.body()).doesNotContain("<html").contains("data-testid=\"tenant-detail\"", slugC);
        assertThat(fragment.body()).contains("create-child-form", "suspend-button");

        Http.Response whole = session.get("/tenants/" + c);
        assertThat(whole.body()).contains("<html", "data-testid=\"tenant-tree\"", "data-testid=\"tenant-detail\"");
        // A's own MSP admin cannot suspend A (that is decided from P).
        assertThat(session.htmxGet("/tenants/" + a).body()).doesNotContain("suspend-button");
        assertThat(session.get("/tenants/" + b).status()).isEqualTo(404);
        assertThat(session.get("/tenants/" + p).status()).isEqualTo(404);
    }

    @Test
    void creatingAChildShowsErrorsInlineAndThenTheNewTenant() {
        ConsoleVisitor session = signedIn(fx.user(a, "MSP_ADMIN"));
        session.get("/tenants/" + a); // a page with the CSRF token

        Http.Response duplicate =
                session.htmxPost("/tenants/" + a + "/children", Map.of("name", "Dup", "slug", slugB, "plan", "PRO"));
        assertThat(duplicate.status()).isEqualTo(200);
        assertThat(duplicate.body()).contains("data-testid=\"child-error\"", "already taken");

        Http.Response invalid =
                session.htmxPost("/tenants/" + a + "/children", Map.of("name", "", "slug", "Bad Slug", "plan", "PRO"));
        assertThat(invalid.body()).contains("is-invalid", "must be 2 to 63 lowercase letters");

        String slug = Fixtures.unique("made");
        Http.Response created = session.htmxPost(
                "/tenants/" + a + "/children", Map.of("name", "Made here", "slug", slug, "plan", "BASIC"));
        assertThat(created.status()).isEqualTo(200);
        assertThat(created.header("HX-Push-Url")).startsWith("/tenants/");
        assertThat(created.body()).contains("Made here", "hx-swap-oob=\"true\"", "data-slug=\"" + slug + "\"");
        UUID id = UUID.fromString(created.header("HX-Push-Url").substring("/tenants/".length()));
        assertThat(audit.events("tenant.create", id)).hasSize(1);
    }

    @Test
    void suspendAndReactivateWorkWithAndWithoutHtmx() {
        ConsoleVisitor session = signedIn(fx.user(a, "MSP_ADMIN"));
        session.get("/tenants/" + c);

        Http.Response suspended = session.htmxPost("/tenants/" + c + "/status", Map.of("status", "SUSPENDED"));
        assertThat(suspended.status()).isEqualTo(200);
        assertThat(suspended.body()).contains("reactivate-button", "data-status=\"SUSPENDED\"");
        assertThat(audit.events("tenant.suspend", c)).hasSize(1);

        Http.Response reactivated = session.formPost("/tenants/" + c + "/status", Map.of("status", "ACTIVE"));
        assertThat(reactivated.status()).isEqualTo(302);
        assertThat(reactivated.header("Location")).endsWith("/tenants/" + c);
        assertThat(audit.events("tenant.reactivate", c)).hasSize(1);

        // Refusals are shown in the panel: A is administered from P, not by A's own MSP admin.
        Http.Response refused = session.htmxPost("/tenants/" + a + "/status", Map.of("status", "SUSPENDED"));
        assertThat(refused.body()).contains("data-testid=\"status-error\"", "TENANT_CREATE");
        assertThat(audit.events("tenant.suspend", a)).isEmpty();
    }

    @Test
    void usersOfASuspendedTenantCannotSignInToTheConsole() {
        String username = fx.user(c, "READONLY");
        ConsoleVisitor admin = signedIn(fx.user(a, "MSP_ADMIN"));
        admin.get("/tenants/" + c);
        admin.htmxPost("/tenants/" + c + "/status", Map.of("status", "SUSPENDED"));

        Http.Response login = new ConsoleVisitor(http).logIn(username, Fixtures.PASSWORD);

        assertThat(login.status()).isEqualTo(302);
        assertThat(login.header("Location")).endsWith("/login?error");
    }

    @Test
    void anonymousVisitorsAreSentToTheLoginPage() {
        Http.Response response = new ConsoleVisitor(http).get("/tenants");
        assertThat(response.status()).isEqualTo(302);
        assertThat(response.header("Location")).endsWith("/login");
    }
}
