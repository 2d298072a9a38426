package io.tenantra.useradmin.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.tenantra.support.BrowserSupport;
import io.tenantra.support.ConsoleLog;
import io.tenantra.support.ConsoleNav;
import io.tenantra.support.Fixtures;
import io.tenantra.support.ServerTest;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Console impersonation in a real browser: choose a user, act as them under a banner, end it. */
@ServerTest
@ExtendWith(BrowserSupport.class)
class ImpersonationPageBrowserTest {

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fx;

    @Test
    void anMspAdminActsAsACustomerUserAndEndsIt(Page page, ConsoleLog console) {
        UUID msp = fx.tenant(fx.root(), "page-imp-msp");
        UUID customer = fx.tenant(msp, "page-imp-customer");
        String admin = fx.user(msp, "MSP_ADMIN");
        String target = fx.user(customer, "ANALYST");
        String superAdmin = fx.user(customer, "SUPER_ADMIN");

        page.navigate(url("/login"));
        page.locator("#username").fill(admin);
        page.locator("#password").fill(Fixtures.PASSWORD);
        page.getByTestId("login-submit").click();
        assertThat(page.getByTestId("signed-in-user")).hasText(admin);

        ConsoleNav.go(page, "Impersonate");
        ConsoleNav.switchTenant(page, customer);

        // A super admin is listed but cannot be chosen.
        Locator superRow = page.locator("[data-testid=candidate][data-username='" + superAdmin + "']");
        assertThat(superRow.getByTestId("not-eligible")).containsText("super admins");
        assertThat(superRow.getByTestId("act-as")).hasCount(0);

        Locator row = page.locator("[data-testid=candidate][data-username='" + target + "']");
        row.getByTestId("reason").fill("Support ticket 123");
        row.getByTestId("minutes").selectOption("5");
        row.getByTestId("act-as").click();

        Locator banner = page.getByTestId("impersonation-banner");
        assertThat(banner).isVisible();
        assertThat(banner).containsText("acting as " + target);
        assertThat(banner).containsText("on behalf of " + admin);
        assertThat(banner).containsText(Pattern.compile("until \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC"));
        assertThat(page.getByTestId("signed-in-user")).hasText(target);
        // The navigation is the target's: an ANALYST has no impersonation page.
        assertThat(page.getByTestId("navigation").getByText("Impersonate")).hasCount(0);

        page.getByTestId("end-impersonation").click();
        assertThat(page.getByTestId("impersonation-banner")).hasCount(0);
        assertThat(page.getByTestId("signed-in-user")).hasText(admin);
        assertThat(page).hasURL(Pattern.compile("/impersonate$"));
        console.assertNoErrors();
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
