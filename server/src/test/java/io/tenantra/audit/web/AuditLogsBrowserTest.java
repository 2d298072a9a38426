package io.tenantra.audit.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import io.tenantra.database.OwnerDatabase;
import io.tenantra.support.BrowserSupport;
import io.tenantra.support.ConsoleLog;
import io.tenantra.support.ConsoleNav;
import io.tenantra.support.Fixtures;
import io.tenantra.support.Http;
import io.tenantra.support.ServerTest;
import java.nio.file.Files;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The audit log page in a real browser: filters via htmx, detail, export, verification badge. */
@ServerTest
@ExtendWith(BrowserSupport.class)
class AuditLogsBrowserTest {

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fx;

    @Autowired
    OwnerDatabase owner;

    Http http;
    UUID tenant;
    String admin;
    String token;

    @BeforeEach
    void tenantWithEvents() {
        http = new Http(port);
        tenant = fx.tenant(fx.root(), "console-audit");
        // Homed elsewhere: their own logins are audited, and must not land in the trail under test.
        admin = fx.user(fx.tenant(fx.root(), "console-audit-home"), "ADMIN", tenant, true);
        token = http.login(admin, Fixtures.PASSWORD);
        for (int i = 1; i <= 3; i++) {
            rename("Console " + i);
        }
    }

    private void rename(String name) {
        Http.Response response =
                http.postJson("/api/v1/tenants/" + tenant + "/test-audit/rename", token, Map.of("name", name));
        org.assertj.core.api.Assertions.assertThat(response.status()).isEqualTo(200);
    }

    private void logIn(Page page, String username) {
        page.navigate(url("/login"));
        page.locator("#username").fill(username);
        page.locator("#password").fill(Fixtures.PASSWORD);
        page.getByTestId("login-submit").click();
        assertThat(page.getByTestId("signed-in-user")).hasText(username);
    }

    @Test
    void anAdminFiltersReadsVerifiesAndExportsTheTrail(Page page, ConsoleLog console) throws Exception {
        logIn(page, admin);
        ConsoleNav.go(page, "Audit log");
        assertThat(page).hasURL(url("/audit-logs"));
        assertThat(page.getByTestId("audit-row")).hasCount(3);

        // Filtering swaps the results in place and keeps the filters in the address bar.
        page.getByTestId("audit-outcome").selectOption("DENIED");
        page.getByTestId("audit-apply").click();
        assertThat(page.getByTestId("audit-empty")).isVisible();
        assertThat(page).hasURL(Pattern.compile("outcome=DENIED"));
        page.getByTestId("audit-outcome").selectOption("");
        page.getByTestId("audit-action").fill("test.*");
        page.getByTestId("audit-actor").fill(admin);
        page.getByTestId("audit-apply").click();
        assertThat(page.getByTestId("audit-row")).hasCount(3);
        assertThat(page.getByTestId("audit-row-action").first()).hasText("test.tenant.rename");

        page.getByTestId("audit-from").fill("2026-02-01T00:00");
        page.getByTestId("audit-to").fill("2026-01-01T00:00");
        page.getByTestId("audit-apply").click();
        assertThat(page.getByTestId("audit-filter-errors")).containsText("to: must be after from");
        page.getByTestId("audit-from").fill("");
        page.getByTestId("audit-to").fill("");
        page.getByTestId("audit-apply").click();
        assertThat(page.getByTestId("audit-row")).hasCount(3);

        page.getByTestId("audit-verify").click();
        assertThat(page.getByTestId("audit-verify-status")).hasText(Pattern.compile("Chain valid · 3 events"));

        Download download =
                page.waitForDownload(() -> page.getByTestId("audit-export").click());
        assertThat(download.suggestedFilename())
                .startsWith("audit-" + tenant + "-")
                .endsWith(".csv");
        String csv = Files.readString(download.path());
        assertThat(csv).startsWith("record_type,tenant_id,seq,").contains("test.tenant.rename");

        page.getByTestId("audit-row-link").first().click();
        assertThat(page.getByTestId("audit-detail-action")).hasText("test.tenant.rename");
        assertThat(page.getByTestId("audit-detail-seq")).hasText("3");
        assertThat(page.getByTestId("audit-detail-changes")).containsText("\"password\" : \"[redacted]\"");
        assertThat(page.getByTestId("audit-detail-changes")).containsText("\"name\" : \"Console 3\"");
        console.assertNoErrors();
    }

    @Test
    void theBadgeShowsWhereTheChainBroke(Page page, ConsoleLog console) {
        owner.execute("UPDATE audit_event SET actor_name = 'nobody' WHERE tenant_id = ? AND seq = 2", tenant);
        logIn(page, admin);
        page.navigate(url("/audit-logs"));
        page.getByTestId("audit-verify").click();
        Locator status = page.getByTestId("audit-verify-status");
        assertThat(status).hasText("Broken at seq 2: hash mismatch");
        assertThat(status).hasClass(Pattern.compile("text-bg-danger"));
        console.assertNoErrors();
    }

    @Test
    void loadMoreAppendsTheNextPage(Page page, ConsoleLog console) {
        for (int i = 0; i < 50; i++) {
            rename("More " + i);
        }
        logIn(page, admin);
        page.navigate(url("/audit-logs"));
        assertThat(page.getByTestId("audit-row")).hasCount(50);
        page.getByTestId("audit-load-more").click();
        assertThat(page.getByTestId("audit-row")).hasCount(53);
        assertThat(page.getByTestId("audit-load-more")).hasCount(0);
        console.assertNoErrors();
    }

    @Test
    void aManagerHasNoAuditLog(Page page) {
        String manager = fx.user(tenant, "MANAGER");
        logIn(page, manager);
        assertThat(page.getByTestId("navigation").getByText("Audit log")).hasCount(0);
        Response response = page.navigate(url("/audit-logs"));
        assertThat(response.status()).isEqualTo(403);
        Response detail = page.navigate(url("/audit-logs/" + tenant + "/" + UUID.randomUUID()));
        assertThat(detail.status()).isEqualTo(403);
    }

    @Test
    void rowsNameTheTargetAndTheDetailReadsTheChanges(Page page, ConsoleLog console) {
        String username = Fixtures.unique("grace");
        Http.Response created = http.postJson(
                "/api/v1/tenants/" + tenant + "/users",
                token,
                Map.of(
                        "username",
                        username,
                        "email",
                        username + "@example.com",
                        "password",
                        "Probe-Strong-Passphrase-91",
                        "displayName",
                        "Grace Hopper",
                        "roles",
                        java.util.List.of("READONLY")));
        assertThat(created.status()).isEqualTo(201);
        String userId = created.json().get("id").asString();
        logIn(page, admin);
        page.navigate(url("/audit-logs?tenant=" + tenant + "&includeDescendants=true"));

        Locator row = page.getByTestId("audit-row").first();
        assertThat(row.getByTestId("audit-row-action")).hasText("user.create");
        assertThat(row.getByTestId("audit-row-target")).containsText("Grace Hopper");
        assertThat(row.getByTestId("audit-row-target")).hasAttribute("title", userId);
        assertThat(row.getByTestId("audit-row-tenant")).hasAttribute("title", tenant.toString());
        assertThat(row.getByTestId("audit-row-tenant")).hasText("Console 3"); // its name now, after the renames

        // Oldest first, then into one event: its changes in words beside the recorded JSON.
        page.getByTestId("audit-sort-time").click();
        assertThat(page.getByTestId("audit-row-action").first()).hasText("test.tenant.rename");
        assertThat(page).hasURL(Pattern.compile("sort=time"));
        page.getByTestId("audit-row-link").first().click();
        assertThat(page.getByTestId("audit-detail-readable")).containsText("Console 1");
        assertThat(page.getByTestId("audit-detail-tenant")).hasText("Console 3");
        console.assertNoErrors();
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
