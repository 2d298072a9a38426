package io.tenantra.tenantadmin.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.tenantra.support.BrowserSupport;
import io.tenantra.support.ConsoleLog;
import io.tenantra.support.ConsoleNav;
import io.tenantra.support.Fixtures;
import io.tenantra.support.Http;
import io.tenantra.support.ServerTest;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The tenants page in a real browser: htmx panels, inline errors and badges, under the real CSP. */
@ServerTest
@ExtendWith(BrowserSupport.class)
class TenantsPageBrowserTest {

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fx;

    UUID a;
    UUID c;
    String slugA;
    String slugC;
    String slugB;
    String msp;

    @BeforeEach
    void setUp() {
        Http http = new Http(port);
        UUID p = fx.tenant(fx.root(), "p");
        a = fx.tenant(p, "a");
        c = fx.tenant(a, "c");
        UUID b = fx.tenant(p, "b");
        String admin = http.loginAdmin();
        slugA = http.get("/api/v1/tenants/" + a, admin).json().get("slug").asString();
        slugC = http.get("/api/v1/tenants/" + c, admin).json().get("slug").asString();
        slugB = http.get("/api/v1/tenants/" + b, admin).json().get("slug").asString();
        msp = fx.user(a, "MSP_ADMIN");
    }

    private void logIn(Page page) {
        page.navigate(url("/login"));
        page.locator("#username").fill(msp);
        page.locator("#password").fill(Fixtures.PASSWORD);
        page.getByTestId("login-submit").click();
        assertThat(page).hasURL(url("/"));
    }

    private Locator node(Page page, String slug) {
        return page.locator("[data-testid=tenant-node][data-slug='" + slug + "']");
    }

    @Test
    void anMspAdminBrowsesCreatesAndSuspendsTenants(Page page, ConsoleLog console) {
        logIn(page);
        ConsoleNav.go(page, "Tenants");
        assertThat(page).hasURL(url("/tenants"));

        // The tree: A with C below it, and nothing of the sibling B.
        assertThat(node(page, slugA)).isVisible();
        assertThat(node(page, slugA).locator("[data-slug='" + slugC + "']")).isVisible();
        assertThat(node(page, slugB)).hasCount(0);
        assertThat(page.getByTestId("tenant-node")).hasCount(2);

        // The detail panel arrives through htmx and the address follows.
        node(page, slugC).getByTestId("tenant-link").first().click();
        assertThat(page.getByTestId("detail-slug")).hasText(slugC);
        assertThat(page).hasURL(url("/tenants/" + c));

        // A slug that is taken: the error appears next to the form, nothing is created.
        page.getByTestId("child-name").fill("Taken");
        page.getByTestId("child-slug").fill(slugB);
        page.getByTestId("create-child-submit").click();
        assertThat(page.getByTestId("child-error")).containsText("already taken");
        assertThat(page.getByTestId("child-name")).hasValue("Taken");

        String slug = Fixtures.unique("web");
        page.getByTestId("child-name").fill("Made in the browser");
        page.getByTestId("child-slug").fill(slug);
        page.getByTestId("child-plan").selectOption("ENTERPRISE");
        page.getByTestId("create-child-submit").click();
        assertThat(page.getByTestId("detail-name")).hasText("Made in the browser");
        // (a plain pattern: Playwright runs it as a JavaScript regex, which lacks \Q..\E quoting)
        assertThat(page).hasURL(Pattern.compile("/tenants/[0-9a-f-]{36}$"));
        Locator created = node(page, slugC).locator("[data-slug='" + slug + "']");
        assertThat(created).isVisible();
        assertThat(created.getByTestId("plan-badge")).hasText("ENTERPRISE");
        assertThat(node(page, slugC).getByTestId("child-count").first()).hasText("1 child");

        // Suspend it, then reactivate it: panel and tree badges follow.
        page.getByTestId("suspend-button").click();
        assertThat(page.getByTestId("detail-status")).hasText("SUSPENDED");
        assertThat(created.getByTestId("status-badge")).hasText("SUSPENDED");
        page.getByTestId("reactivate-button").click();
        assertThat(page.getByTestId("detail-status")).hasText("ACTIVE");
        assertThat(created.getByTestId("status-badge")).hasText("ACTIVE");

        // A itself is administered from above: no suspend button for A's own admin.
        node(page, slugA).getByTestId("tenant-link").first().click();
        assertThat(page.getByTestId("detail-slug")).hasText(slugA);
        assertThat(page.getByTestId("suspend-button")).hasCount(0);
        assertThat(page.getByTestId("create-child-form")).isVisible();

        // Reloading a pushed address renders the same panel without htmx.
        page.reload();
        assertThat(page.getByTestId("detail-slug")).hasText(slugA);
        console.assertNoErrors();
    }

    @Test
    void anMspAdminEditsChangesThePlanAndDeletesOnlyAnEmptyTenant(Page page, ConsoleLog console) {
        UUID d = fx.tenant(c, "d");
        logIn(page);
        page.navigate(url("/tenants/" + c));
        assertThat(page.getByTestId("detail-parent")).hasText(Pattern.compile(".+"));
        assertThat(page.getByTestId("detail-parent")).hasAttribute("title", a.toString());

        page.getByTestId("edit-name").fill("C, renamed in the browser");
        page.getByTestId("edit-submit").click();
        assertThat(page.getByTestId("detail-name")).hasText("C, renamed in the browser");
        assertThat(node(page, slugC).getByTestId("tenant-link").first()).hasText("C, renamed in the browser");

        page.getByTestId("plan-select").selectOption("PRO");
        page.getByTestId("plan-submit").click();
        assertThat(page.getByTestId("detail-plan")).hasText("PRO");
        assertThat(node(page, slugC).getByTestId("plan-badge").first()).hasText("PRO");

        // C still has D below it: the deletion is refused with the reason, C stays.
        page.getByTestId("delete-section").locator("summary").click();
        page.getByTestId("delete-confirm").fill(slugC);
        page.getByTestId("delete-submit").click();
        assertThat(page.getByTestId("delete-error")).containsText("1 child tenant");
        assertThat(page.getByTestId("detail-slug")).hasText(slugC);

        // D is empty: confirmed by its slug, it goes, and the parent's page says so.
        String slugD = new Http(port)
                .get("/api/v1/tenants/" + d, new Http(port).loginAdmin())
                .json()
                .get("slug")
                .asString();
        page.navigate(url("/tenants/" + d));
        page.getByTestId("delete-section").locator("summary").click();
        page.getByTestId("delete-confirm").fill(slugD);
        page.getByTestId("delete-submit").click();
        assertThat(page.getByTestId("tenant-deleted")).containsText(slugD);
        assertThat(page).hasURL(Pattern.compile("/tenants/" + c + "\\?deleted="));
        assertThat(node(page, slugD)).hasCount(0);
        console.assertNoErrors();
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
