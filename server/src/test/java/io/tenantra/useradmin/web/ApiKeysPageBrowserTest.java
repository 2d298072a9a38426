package io.tenantra.useradmin.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The API keys page in a real browser: create (key shown once, copyable), use, revoke. */
@ServerTest
@ExtendWith(BrowserSupport.class)
class ApiKeysPageBrowserTest {

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fx;

    @Test
    void anAdminCreatesCopiesUsesAndRevokesAKey(Page page, ConsoleLog console) {
        UUID tenant = fx.tenant(fx.root(), "page-keys");
        String admin = fx.user(tenant, "ADMIN");
        logIn(page, admin);

        ConsoleNav.go(page, "API keys");
        assertThat(page).hasURL(Pattern.compile("/api-keys$"));
        assertThat(page.getByTestId("no-keys")).isVisible();
        // Only what an ADMIN holds and a key may carry is offered.
        assertThat(page.getByTestId("perm-SCAN_READ")).isChecked();
        assertThat(page.getByTestId("perm-USER_WRITE")).hasCount(0);
        assertThat(page.getByTestId("perm-TENANT_CREATE")).hasCount(0);

        String name = Fixtures.unique("browser");
        page.getByTestId("key-name").fill(name);
        // Keep two permissions only.
        Locator boxes = page.locator("input[name=permissions]");
        for (int i = 0; i < boxes.count(); i++) {
            String value = boxes.nth(i).getAttribute("value");
            if (!value.equals("API_KEY_READ") && !value.equals("SCAN_READ")) {
                boxes.nth(i).uncheck();
            }
        }
        page.getByTestId("create-key").click();

        Locator value = page.getByTestId("new-key-value");
        assertThat(value).hasValue(Pattern.compile("^tnk_[a-z2-7]{12}_[A-Za-z0-9_-]{43}$"));
        String key = value.inputValue();
        page.getByTestId("copy-key").click();
        assertThat(page.getByTestId("copy-key")).hasText("Copied");
        Locator row = page.locator("[data-testid=api-key-row][data-key-name='" + name + "']");
        assertThat(row).containsText("API_KEY_READ, SCAN_READ");
        assertThat(row.getByTestId("key-state")).hasText("ACTIVE");

        // The key works, and the page never shows it again.
        Http http = new Http(port);
        assertThat(http.get("/api/v1/tenants/" + tenant + "/api-keys", key).status())
                .isEqualTo(200);
        page.navigate(url("/api-keys"));
        assertThat(page.getByTestId("new-key")).hasCount(0);
        assertThat(page.content()).doesNotContain(key.substring(17));

        page.onDialog(dialog -> dialog.accept());
        row.getByTestId("revoke-key").click();
        assertThat(row.getByTestId("key-state")).hasText("REVOKED");
        assertThat(row.getByTestId("revoke-key")).hasCount(0);
        assertThat(http.get("/api/v1/tenants/" + tenant + "/api-keys", key).status())
                .isEqualTo(401);
        console.assertNoErrors();
    }

    @Test
    void aRefusedKeyShowsTheReasonAndKeepsTheForm(Page page, ConsoleLog console) {
        UUID tenant = fx.tenant(fx.root(), "page-keys-bad");
        logIn(page, fx.user(tenant, "ADMIN"));
        page.navigate(url("/api-keys"));
        page.getByTestId("key-name").fill("no permissions");
        page.locator("input[name=permissions]").all().forEach(Locator::uncheck);
        page.getByTestId("create-key").click();

        assertThat(page.getByTestId("form-error")).containsText("permissions");
        assertThat(page.getByTestId("key-name")).hasValue("no permissions");
        assertThat(page.getByTestId("new-key")).hasCount(0);
        assertThat(page.getByTestId("no-keys")).isVisible();
        console.assertNoErrors();
    }

    @Test
    void theHeaderSwitcherOffersTheSubtree(Page page, ConsoleLog console) {
        UUID tenant = fx.tenant(fx.root(), "page-keys-msp");
        UUID customer = fx.tenant(tenant, "page-keys-customer");
        logIn(page, fx.user(tenant, "MSP_ADMIN"));
        page.navigate(url("/api-keys"));
        ConsoleNav.switchTenant(page, customer);

        assertThat(page).hasURL(Pattern.compile("tenant=" + customer));
        page.getByTestId("key-name").fill("customer key");
        page.getByTestId("create-key").click();
        assertThat(page.getByTestId("new-key-value")).hasValue(Pattern.compile("^tnk_"));
        assertThat(page.locator("[data-testid=api-key-row][data-key-name='customer key']"))
                .isVisible();
        console.assertNoErrors();
    }

    private void logIn(Page page, String username) {
        page.navigate(url("/login"));
        page.locator("#username").fill(username);
        page.locator("#password").fill(Fixtures.PASSWORD);
        page.getByTestId("login-submit").click();
        assertThat(page.getByTestId("signed-in-user")).hasText(username);
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
