package io.tenantra.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.database.TenantTransactions;
import io.tenantra.platform.context.TenantScope;
import io.tenantra.support.ConsoleClient;
import io.tenantra.support.Fixtures;
import io.tenantra.support.ServerTest;
import io.tenantra.tenancy.TenantDirectory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The console shell over HTTP: the header's tenant switcher (tree order, the page's own tenant,
 * the remembered choice), the redirect of old {@code ?tenantId=} links, and error pages that say
 * what went wrong (the missing permission, an invisible tenant, a malformed parameter, the
 * request id).
 */
@ServerTest
class ConsoleShellPagesTest {

    private static final Pattern CURRENT = Pattern.compile("data-testid=\"current-tenant\">([^<]*)<");

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fx;

    @Autowired
    TenantDirectory tenants;

    @Autowired
    TenantTransactions tx;

    @Autowired
    JdbcClient jdbc;

    UUID msp;
    UUID customer;
    UUID site;
    String mspAdmin;

    @BeforeEach
    void tree() {
        msp = fx.tenant(fx.root(), "msp");
        customer = fx.tenant(msp, "customer");
        site = fx.tenant(customer, "site");
        mspAdmin = fx.user(msp, "MSP_ADMIN");
    }

    private ConsoleClient signedIn(String username) {
        ConsoleClient client = new ConsoleClient(port);
        client.login(username, Fixtures.PASSWORD, null);
        return client;
    }

    private String name(UUID tenant) {
        return tenants.find(TenantScope.of(tenant), tenant).orElseThrow().name();
    }

    private static String current(HttpResponse<String> page) {
        Matcher m = CURRENT.matcher(page.body());
        assertThat(m.find()).as("the header names the current tenant").isTrue();
        return m.group(1);
    }

    @Test
    void theSwitcherListsTheVisibleTreeParentsFirstWithDepths() {
        HttpResponse<String> page = signedIn(mspAdmin).get("/users");

        assertThat(page.statusCode()).isEqualTo(200);
        String body = page.body();
        int mspAt = body.indexOf("data-tenant-id=\"" + msp + "\"");
        int customerAt = body.indexOf("data-tenant-id=\"" + customer + "\"");
        int siteAt = body.indexOf("data-tenant-id=\"" + site + "\"");
        assertThat(mspAt).isPositive();
        assertThat(customerAt).isGreaterThan(mspAt);
        assertThat(siteAt).isGreaterThan(customerAt);
        // Only the MSP's subtree: the platform's root tenant is not visible to an MSP admin.
        assertThat(body).doesNotContain("data-tenant-id=\"" + fx.root() + "\"");
        assertThat(body).containsPattern("console-depth-1[^\"]*\" href=\"/users\\?tenant=" + customer + "\"");
        assertThat(body).containsPattern("console-depth-2[^\"]*\" href=\"/users\\?tenant=" + site + "\"");
        assertThat(current(page)).isEqualTo(name(msp));
    }

    @Test
    void aDeepLinkShowsTheTenantItNamesAndTheChoiceCarriesToOtherPages() {
        String siteUser = fx.user(site, "READONLY");
        ConsoleClient console = signedIn(mspAdmin);

        HttpResponse<String> users = console.get("/users?tenant=" + site);
        assertThat(users.statusCode()).isEqualTo(200);
        assertThat(current(users)).isEqualTo(name(site));
        assertThat(users.body()).contains("data-testid=\"user-row-" + siteUser + "\"");
        assertThat(users.body()).contains("action=\"/users?tenant=" + site + "\"");

        // No tenant in the address: the remembered choice, on this page and on another one.
        HttpResponse<String> again = console.get("/users");
        assertThat(current(again)).isEqualTo(name(site));
        assertThat(again.body()).contains("data-testid=\"user-row-" + siteUser + "\"");
        HttpResponse<String> keys = console.get("/api-keys");
        assertThat(keys.statusCode()).isEqualTo(200);
        assertThat(current(keys)).isEqualTo(name(site));

        // The memory belongs to the session: a new sign-in starts at home.
        assertThat(current(signedIn(mspAdmin).get("/users"))).isEqualTo(name(msp));
    }

    @Test
    void aRememberedTenantWithoutThePagesPermissionFallsBackAndAskingForItNamesThePermission() {
        // ADMIN on the customer alone, READONLY on its site: both visible, USER_READ only on the customer.
        String user = fx.user(customer, "ADMIN", customer, false);
        bind(user, site, "READONLY");
        ConsoleClient console = signedIn(user);
        HttpResponse<String> compliance = console.get("/compliance?tenant=" + site);
        assertThat(compliance.statusCode()).isEqualTo(200);
        assertThat(current(compliance)).isEqualTo(name(site));

        // The users page does not offer the remembered site: the home tenant instead.
        HttpResponse<String> users = console.get("/users");
        assertThat(users.statusCode()).isEqualTo(200);
        assertThat(current(users)).isEqualTo(name(customer));

        // Naming the site there is refused by TenantAccess.require, and the page says for want of what.
        HttpResponse<String> refused = console.get("/users?tenant=" + site);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("data-testid=\"error-permission\">USER_READ</code>");
    }

    private void bind(String username, UUID tenant, String role) {
        UUID userId = fx.userId(username);
        tx.write(
                TenantScope.of(tenant),
                () -> jdbc.sql("INSERT INTO role_binding (id, tenant_id, user_id, role, subtree, created_at)"
                                + " VALUES (?, ?, ?, ?, true, ?)")
                        .params(UUID.randomUUID(), tenant, userId, role, Timestamp.from(Instant.now()))
                        .update());
    }

    @Test
    void oldTenantIdLinksAreRedirectedToTheOneParameter() {
        ConsoleClient console = signedIn(mspAdmin);

        HttpResponse<String> old = console.get("/users?q=ad&tenantId=" + site + "&status=active");
        assertThat(old.statusCode()).isEqualTo(302);
        assertThat(old.headers().firstValue("Location").orElseThrow())
                .endsWith("/users?q=ad&tenant=" + site + "&status=active");

        // With both, the new name wins and nothing is redirected.
        HttpResponse<String> both = console.get("/users?tenant=" + site + "&tenantId=" + customer);
        assertThat(both.statusCode()).isEqualTo(200);
        assertThat(current(both)).isEqualTo(name(site));

        // The API is not a console page: no redirect there.
        HttpResponse<String> api = console.get("/api/v1/tenants?tenantId=" + site);
        assertThat(api.statusCode()).isNotEqualTo(302);
    }

    @Test
    void aRefusedPageNamesTheMissingPermission() {
        HttpResponse<String> page = signedIn(fx.user(customer, "READONLY")).get("/users");

        assertThat(page.statusCode()).isEqualTo(403);
        assertThat(page.body()).contains("data-testid=\"error-permission\">USER_READ</code>");
        assertThat(page.body()).contains("Ask an administrator of this tenant for a role that includes");
        assertThat(page.body()).doesNotContain("Exception").doesNotContain("at io.tenantra");
    }

    @Test
    void anInvisibleTenantIsNotFoundAndSaysSo() {
        ConsoleClient console = signedIn(mspAdmin);

        for (UUID tenant : new UUID[] {UUID.randomUUID(), fx.root()}) {
            HttpResponse<String> page = console.get("/users?tenant=" + tenant);
            assertThat(page.statusCode()).isEqualTo(404);
            assertThat(page.body()).contains("It does not exist, or it is not visible to you");
        }
    }

    @Test
    void aMalformedParameterSaysWhichAndWhatItMustBe() {
        HttpResponse<String> page = signedIn(mspAdmin).get("/users?tenant=not-a-uuid");

        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("The parameter &#39;tenant&#39; must be an id");
        assertThat(page.body()).doesNotContain("not-a-uuid");
    }

    @Test
    void theContainersErrorPageQuotesTheRequestId() throws Exception {
        // A path outside any controller (a public one, so no sign-in is needed) fails in the
        // container, whose error page a browser gets as HTML.
        HttpResponse<String> page = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/css/no-such-stylesheet.css"))
                                .header("Accept", "text/html")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(page.statusCode()).isEqualTo(404);
        String requestId = page.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(page.body()).contains("data-testid=\"error-request-id\"").contains(requestId);
    }
}
