package io.tenantra.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.tenantra.support.BrowserSupport;
import io.tenantra.support.ConsoleLog;
import io.tenantra.support.ConsoleNav;
import io.tenantra.support.Http;
import io.tenantra.support.ServerTest;
import io.tenantra.tenancy.TenantDirectory;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Signing in to and out of the console in a real browser, with the real CSP in force. */
@ServerTest
@ExtendWith(BrowserSupport.class)
class ConsoleLoginBrowserTest {

    @LocalServerPort
    int port;

    @Autowired
    TenantDirectory tenants;

    @Test
    void anonymousVisitorIsSentToTheLoginPage(Page page, ConsoleLog console) {
        page.navigate(url("/"));

        assertThat(page).hasURL(url("/login"));
        assertThat(page.locator("#username")).isVisible();
        assertThat(page.locator("#password")).isVisible();
        assertThat(page.getByTestId("login-submit")).isVisible();
        console.assertNoErrors();
    }

    @Test
    void wrongPasswordShowsTheErrorAndSignsNobodyIn(Page page, ConsoleLog console) {
        page.navigate(url("/login"));
        logIn(page, "admin", "not-the-password");

        assertThat(page).hasURL(url("/login?error"));
        assertThat(page.getByTestId("login-error")).isVisible();
        console.assertNoErrors();

        // Still nobody: the dashboard sends us straight back.
        page.navigate(url("/"));
        assertThat(page).hasURL(url("/login"));
        assertThat(page.getByTestId("signed-in-user")).hasCount(0);
    }

    @Test
    void adminSignsInAndSeesTheDashboard(Page page, ConsoleLog console) {
        page.navigate(url("/login"));
        logIn(page, "admin", Http.ADMIN_PASSWORD);

        assertThat(page).hasURL(url("/"));
        assertThat(page.getByTestId("signed-in-user")).hasText("admin");
        // The platform admin sees the whole tree. On a fresh server that is the root tenant alone,
        // but other tests sharing this server (Spring's context cache) add tenants of their own,
        // so the expectation comes from the tenancy module rather than a literal 1.
        assertThat(page.getByTestId("tenant-count")).hasText(String.valueOf(tenantsInTheWholeTree()));
        assertThat(page.getByTestId("user-count")).hasText(Pattern.compile("^\\s*[1-9]\\d*\\s*$"));

        Locator navigation = page.getByTestId("navigation");
        assertThat(navigation).isVisible();
        assertThat(navigation.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Dashboard")))
                .isVisible();

        // Platform figures live on the platform page, which the platform admin reaches from the
        // navigation. charts.js marks a chart only after ECharts has drawn it, so this also proves
        // that both scripts loaded under the CSP and that the data-series JSON parsed.
        ConsoleNav.go(page, "Platform");
        assertThat(page).hasURL(url("/platform"));
        assertThat(page.getByTestId("uptime")).isVisible();
        for (String chart : new String[] {"chart-tenants-by-plan", "chart-requests"}) {
            Locator element = page.getByTestId(chart);
            assertThat(element).hasAttribute("data-rendered", "true");
            assertThat(element.locator("canvas").first()).isVisible();
        }
        console.assertNoErrors();
    }

    @Test
    void logoutEndsTheSession(Page page, ConsoleLog console) {
        page.navigate(url("/login"));
        logIn(page, "admin", Http.ADMIN_PASSWORD);
        assertThat(page.getByTestId("signed-in-user")).hasText("admin");

        page.getByTestId("logout").click();

        assertThat(page).hasURL(url("/login?logout"));
        assertThat(page.getByTestId("logged-out")).isVisible();
        page.navigate(url("/"));
        assertThat(page).hasURL(url("/login"));
        console.assertNoErrors();
    }

    @Test
    void apiReferenceLoadsSwaggerUi(Page page, ConsoleLog console) {
        page.navigate(url("/api/docs"));

        assertThat(page).hasTitle(Pattern.compile("Swagger"));
        // Swagger UI breaks the displayed path with zero-width spaces; data-path holds it verbatim.
        // The operation appears only once the UI has fetched and rendered the OpenAPI document.
        Locator loginOperation = page.locator(".opblock-summary-path[data-path='/api/v1/auth/login']");
        assertThat(loginOperation.first()).isVisible();
        console.assertNoErrors();
    }

    private int tenantsInTheWholeTree() {
        return tenants.subtree(tenants.rootTenantId().orElseThrow()).size();
    }

    private static void logIn(Page page, String username, String password) {
        page.locator("#username").fill(username);
        page.locator("#password").fill(password);
        page.getByTestId("login-submit").click();
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
