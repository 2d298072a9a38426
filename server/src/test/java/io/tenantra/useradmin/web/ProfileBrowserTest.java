package io.tenantra.useradmin.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.tenantra.support.BrowserSupport;
import io.tenantra.support.ConsoleLog;
import io.tenantra.support.ConsoleNav;
import io.tenantra.support.Fixtures;
import io.tenantra.support.ServerTest;
import io.tenantra.support.TotpCodes;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The profile page in a real browser, with the real CSP: edit details and set up an authenticator. */
@ServerTest
@ExtendWith(BrowserSupport.class)
class ProfileBrowserTest {

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fx;

    @Test
    void aUserEditsTheirNameAndTurnsOnTwoFactorAuthentication(Page page, ConsoleLog console) {
        UUID tenant = fx.tenant(fx.root(), "browser-profile");
        String username = fx.user(tenant, "READONLY");
        page.navigate(url("/login"));
        page.locator("#username").fill(username);
        page.locator("#password").fill(Fixtures.PASSWORD);
        page.getByTestId("login-submit").click();
        assertThat(page).hasURL(url("/"));

        ConsoleNav.go(page, "Profile");
        assertThat(page).hasURL(url("/profile"));
        page.getByTestId("profile-display-name").fill("Katherine Johnson");
        page.getByTestId("profile-save").click();
        assertThat(page.getByTestId("profile-message")).hasText("Your profile was saved.");
        assertThat(page.getByTestId("profile-display-name")).hasValue("Katherine Johnson");

        page.getByTestId("mfa-start").click();
        Locator qr = page.getByTestId("mfa-qr");
        assertThat(qr).isVisible();
        // The data: URI image really loaded under the CSP (img-src 'self' data:).
        assertThat(qr).hasJSProperty("naturalWidth", 240);
        String secret = page.getByTestId("mfa-secret").textContent().strip();
        page.getByTestId("mfa-confirm-code").fill(TotpCodes.now(secret));
        page.getByTestId("mfa-confirm").click();

        assertThat(page.getByTestId("recovery-code")).hasCount(10);
        assertThat(page.getByTestId("mfa-status")).containsText("On");
        console.assertNoErrors();
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
