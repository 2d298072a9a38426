package io.tenantra.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.tenantra.support.BrowserSupport;
import io.tenantra.support.ConsoleLog;
import io.tenantra.support.ConsoleNav;
import io.tenantra.support.Fixtures;
import io.tenantra.support.FleetSeeds;
import io.tenantra.support.Http;
import io.tenantra.support.MspWorld;
import io.tenantra.support.ServerTest;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The operational dashboard in a real browser, as three people see it (see {@link MspWorld} for
 * the figures): the platform admin looking at one customer, the MSP admin over all its customers
 * and never the stranger's, and a customer's READONLY user who sees its own tenant and nothing of
 * the platform. Also the MSP roll-up's sort and click-through into a customer.
 */
@ServerTest
@ExtendWith(BrowserSupport.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardBrowserTest {

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fx;

    @Autowired
    FleetSeeds seeds;

    MspWorld world;

    @BeforeAll
    void world() {
        world = new MspWorld(fx, seeds);
    }

    private void logIn(Page page, String username, String password) {
        page.navigate(url("/login"));
        page.locator("#username").fill(username);
        page.locator("#password").fill(password);
        page.getByTestId("login-submit").click();
        assertThat(page.getByTestId("signed-in-user")).hasText(username);
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private static Locator severity(Page page, String name) {
        return page.getByTestId("risks-by-severity")
                .locator("[data-testid=list-row]", new Locator.LocatorOptions().setHasText(name));
    }

    @Test
    void thePlatformAdminLooksAtOneCustomer(Page page, ConsoleLog console) {
        logIn(page, "admin", Http.ADMIN_PASSWORD);
        page.navigate(url("/?tenant=" + world.c1));
        assertThat(page.getByTestId("dashboard-focus")).containsText("Figures of");
        assertThat(page.getByTestId("agents-online")).hasText("2");
        assertThat(page.getByTestId("agents-offline")).hasText("1");
        assertThat(page.getByTestId("agents-never-seen")).hasText("1");
        assertThat(page.getByTestId("agents-new")).hasText("2");
        assertThat(page.getByTestId("agents-not-scanned")).hasText("3");
        assertThat(page.getByTestId("scan-failures")).hasText("1");
        assertThat(page.getByTestId("riskiest-assets").getByTestId("list-link").first())
                .hasText(world.c1Risky);
        // Platform figures are not on the dashboard, even for the platform admin.
        assertThat(page.getByTestId("uptime")).hasCount(0);
        assertThat(ConsoleNav.reveal(page, "Platform")).isVisible();
        assertThat(page.getByTestId("chart-agent-os")).hasAttribute("data-rendered", "true");
        console.assertNoErrors();
    }

    @Test
    void theMspAdminSeesItsCustomersAgentsAndNotTheStrangers(Page page, ConsoleLog console) {
        logIn(page, world.mspAdmin, Fixtures.PASSWORD);
        assertThat(page.getByTestId("agents-online")).hasText("3");
        assertThat(page.getByTestId("agents-offline")).hasText("2");
        assertThat(page.getByTestId("agents-outdated")).hasText("1");
        assertThat(page.getByTestId("agents-not-scanned")).hasText("5");
        assertThat(severity(page, "CRITICAL").getByTestId("list-value")).hasText("1");
        assertThat(severity(page, "CRITICAL").getByTestId("list-detail")).hasText("+1 in 7 days · +1 in 30 days");
        assertThat(severity(page, "HIGH").getByTestId("list-value")).hasText("2");
        assertThat(severity(page, "MEDIUM").getByTestId("list-detail")).hasText("±0 in 7 days · +1 in 30 days");
        assertThat(page.getByTestId("riskiest-assets")).not().containsText(world.strangerRisky);
        assertThat(page.getByTestId("recent-scans").getByTestId("list-row")).hasCount(3);
        assertThat(page.getByTestId("recent-activity")).isVisible();
        assertThat(page.getByTestId("uptime")).hasCount(0);
        assertThat(page.getByTestId("navigation").getByText("Platform")).hasCount(0);

        // Offline agents lead to the agent list filtered that way.
        page.getByTestId("agents-offline").click();
        assertThat(page).hasURL(Pattern.compile("/agents\\?status=offline$"));

        // The roll-up: sort by agents, then one click into a customer's own dashboard.
        page.navigate(url("/"));
        page.getByTestId("navigation").getByText("Clients").click();
        assertThat(page.getByTestId("client-row")).hasCount(3);
        page.getByTestId("sort-agents").click();
        page.getByTestId("sort-agents").click();
        assertThat(page).hasURL(Pattern.compile("sort=-agents"));
        assertThat(page.getByTestId("client-row").first()).hasAttribute("data-tenant", world.c1.toString());
        page.getByTestId("client-row").first().getByTestId("client-link").click();
        assertThat(page).hasURL(Pattern.compile("/\\?tenant=" + world.c1 + "$"));
        assertThat(page.getByTestId("agents-online")).hasText("2");
        console.assertNoErrors();
    }

    @Test
    void aCustomersReadonlyUserSeesOnlyItsTenant(Page page, ConsoleLog console) {
        logIn(page, world.c1Readonly, Fixtures.PASSWORD);
        assertThat(page.getByTestId("agents-online")).hasText("2");
        assertThat(page.getByTestId("agents-offline")).hasText("1");
        assertThat(page.getByTestId("agents-outdated")).hasText("0");
        assertThat(severity(page, "CRITICAL").getByTestId("list-value")).hasText("1");
        assertThat(severity(page, "MEDIUM").getByTestId("list-value")).hasText("0");
        assertThat(page.getByTestId("agents-offline")).hasAttribute("href", "/agents?status=offline");
        // Nothing of the platform, nothing of the MSP.
        for (String platform : new String[] {"uptime", "chart-requests", "chart-tenants-by-plan", "recent-activity"}) {
            assertThat(page.getByTestId(platform)).hasCount(0);
        }
        assertThat(page.getByTestId("navigation").getByText("Platform")).hasCount(0);
        assertThat(page.getByTestId("navigation").getByText("Clients")).hasCount(0);
        console.assertNoErrors();
        // Another tenant's figures cannot be asked for (the browser logs these 404s, as it should).
        var response = page.navigate(url("/?tenant=" + world.stranger));
        org.assertj.core.api.Assertions.assertThat(response.status()).isEqualTo(404);
        response = page.navigate(url("/?tenant=" + world.msp));
        org.assertj.core.api.Assertions.assertThat(response.status()).isEqualTo(404);
    }
}
