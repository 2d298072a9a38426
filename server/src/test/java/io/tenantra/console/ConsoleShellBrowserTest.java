package io.tenantra.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.tenantra.platform.context.TenantScope;
import io.tenantra.support.BrowserSupport;
import io.tenantra.support.ConsoleLog;
import io.tenantra.support.ConsoleNav;
import io.tenantra.support.Fixtures;
import io.tenantra.support.ServerTest;
import io.tenantra.tenancy.TenantDirectory;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The console shell in a real browser with the real CSP: on a phone-sized screen (390 px wide)
 * the folded navigation opens and reaches every item, in its menus too, and Log out without
 * sideways scrolling; at 1440 px the grouped bar holds everything on one line; and
 * the header's tenant switcher finds, switches and remembers a tenant that deep links name.
 */
@ServerTest
@ExtendWith(BrowserSupport.class)
class ConsoleShellBrowserTest {

    private static final int PHONE_WIDTH = 390;

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fx;

    @Autowired
    TenantDirectory tenants;

    UUID msp;
    UUID customer;
    String mspAdmin;

    @BeforeEach
    void tree() {
        msp = fx.tenant(fx.root(), "msp");
        customer = fx.tenant(msp, "customer");
        mspAdmin = fx.user(msp, "MSP_ADMIN");
    }

    @Test
    void theFoldedNavigationReachesEveryItemAndLogOutWithoutSidewaysScrolling(Page page, ConsoleLog console) {
        page.setViewportSize(PHONE_WIDTH, 844);
        signIn(page, mspAdmin);

        Locator navigation = page.getByTestId("navigation");
        Locator links = navigation.locator("a.nav-link");
        assertThat(navigation).isHidden();
        assertThat(page.getByTestId("logout")).isHidden();
        page.getByTestId("nav-toggle").click();
        assertThat(page.getByTestId("nav-toggle")).hasAttribute("aria-expanded", "true");
        assertThat(navigation).isVisible();
        assertThat(links.first()).isVisible();
        int count = links.count();
        assertThat(count).isGreaterThan(1);
        for (int i = 0; i < count; i++) {
            Locator link = links.nth(i);
            link.scrollIntoViewIfNeeded();
            assertThat(link).isInViewport();
        }
        // The menus open in place inside the folded bar and reach every item in them.
        Locator menus = navigation.locator("[data-nav-group]");
        assertThat(menus.count()).isGreaterThanOrEqualTo(2);
        int items = 0;
        for (int i = 0; i < menus.count(); i++) {
            Locator menu = menus.nth(i);
            Locator button = menu.locator("button");
            button.scrollIntoViewIfNeeded();
            button.click();
            assertThat(button).hasAttribute("aria-expanded", "true");
            Locator entries = menu.locator("a.dropdown-item");
            assertThat(entries.count()).isGreaterThan(1);
            for (int j = 0; j < entries.count(); j++) {
                Locator entry = entries.nth(j);
                entry.scrollIntoViewIfNeeded();
                assertThat(entry).isInViewport();
                items++;
            }
        }
        assertThat(count + items).as("navigation entries reachable at 390 px").isGreaterThan(8);
        int folded = ((Number) page.evaluate("document.documentElement.scrollWidth")).intValue();
        assertThat(folded).as("width with every menu open").isLessThanOrEqualTo(PHONE_WIDTH);
        Locator logout = page.getByTestId("logout");
        logout.scrollIntoViewIfNeeded();
        assertThat(logout).isInViewport();
        assertThat(page.getByTestId("tenant-switcher-button")).isVisible();
        assertThat(page.getByTestId("signed-in-user")).isVisible();

        for (String path : new String[] {"/", "/users", "/compliance"}) {
            page.navigate(url(path));
            int width = ((Number) page.evaluate("document.documentElement.scrollWidth")).intValue();
            assertThat(width).as("page width of %s at %d px", path, PHONE_WIDTH).isLessThanOrEqualTo(PHONE_WIDTH);
        }

        page.getByTestId("nav-toggle").click();
        page.getByTestId("logout").click();
        assertThat(page).hasURL(url("/login?logout"));
        console.assertNoErrors();
    }

    @Test
    void atDesktopWidthTheGroupedBarKeepsSwitcherUserAndLogOutOnOneLine(Page page, ConsoleLog console) {
        page.setViewportSize(1440, 900);
        signIn(page, mspAdmin);

        Locator bar = page.getByTestId("console-navbar");
        double height = bar.boundingBox().height;
        assertThat(height).as("navigation bar height at 1440 px").isLessThan(70);
        double top = page.getByTestId("navigation").boundingBox().y;
        for (String testId : new String[] {"tenant-switcher-button", "signed-in-user", "logout"}) {
            var box = page.getByTestId(testId).boundingBox();
            assertThat(box.y + box.height)
                    .as("%s within the one-line bar", testId)
                    .isLessThanOrEqualTo(top + height);
        }

        // A menu opens on click, closes on Escape, and one open menu closes the other.
        Locator fleet = page.getByTestId("nav-group-fleet");
        Locator administration = page.getByTestId("nav-group-administration");
        Locator agents = ConsoleNav.entry(page, "Agents");
        assertThat(agents).isHidden();
        fleet.click();
        assertThat(agents).isVisible();
        administration.click();
        assertThat(agents).isHidden();
        assertThat(ConsoleNav.entry(page, "Users")).isVisible();
        page.keyboard().press("Escape");
        assertThat(ConsoleNav.entry(page, "Users")).isHidden();
        assertThat(administration).hasAttribute("aria-expanded", "false");

        ConsoleNav.go(page, "Agents");
        assertThat(page).hasURL(url("/agents"));
        console.assertNoErrors();
    }

    @Test
    void theSwitcherSwitchesAndTheChoiceHoldsAcrossPagesAndDeepLinks(Page page, ConsoleLog console) {
        String customerUser = fx.user(customer, "READONLY");
        page.setViewportSize(PHONE_WIDTH, 844);
        signIn(page, mspAdmin);

        page.navigate(url("/users"));
        assertThat(page.getByTestId("current-tenant")).hasText(name(msp));
        page.getByTestId("nav-toggle").click();
        page.getByTestId("tenant-switcher-button").click();
        Locator options = page.getByTestId("tenant-switcher-option");
        assertThat(options.first()).isVisible();
        // The filter box narrows the list to the customer.
        String customerName = name(customer);
        page.getByTestId("tenant-switcher-filter").fill(customerName.substring(customerName.indexOf(' ') + 1));
        assertThat(options.filter(new Locator.FilterOptions().setVisible(true))).hasCount(1);
        options.filter(new Locator.FilterOptions().setHasText(customerName)).click();

        assertThat(page).hasURL(url("/users?tenant=" + customer));
        assertThat(page.getByTestId("current-tenant")).hasText(customerName);
        assertThat(page.getByTestId("user-row-" + customerUser)).isAttached();
        assertThat(page.getByTestId("create-user-form"))
                .hasAttribute("action", Pattern.compile("/users\\?tenant=" + customer + "$"));

        // Another page without a tenant in its address opens on the remembered one.
        page.navigate(url("/api-keys"));
        assertThat(page.getByTestId("current-tenant")).hasText(customerName);

        // A deep link to the MSP's users page shows the MSP, whatever was remembered.
        page.navigate(url("/users?tenant=" + msp));
        assertThat(page.getByTestId("current-tenant")).hasText(name(msp));
        assertThat(page.getByTestId("user-row-" + mspAdmin)).isAttached();
        assertThat(page.getByTestId("user-row-" + customerUser)).hasCount(0);

        // Links written before the one parameter keep working.
        page.navigate(url("/users?tenantId=" + customer));
        assertThat(page).hasURL(url("/users?tenant=" + customer));
        assertThat(page.getByTestId("current-tenant")).hasText(customerName);
        console.assertNoErrors();
    }

    private String name(UUID tenant) {
        return tenants.find(TenantScope.of(tenant), tenant).orElseThrow().name();
    }

    private void signIn(Page page, String username) {
        page.navigate(url("/login"));
        page.locator("#username").fill(username);
        page.locator("#password").fill(Fixtures.PASSWORD);
        page.getByTestId("login-submit").click();
        assertThat(page).hasURL(url("/"));
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
