package io.tenantra.useradmin.web;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The users page in a real browser, with the real CSP: create, edit in the dialog, deactivate. */
@ServerTest
@ExtendWith(BrowserSupport.class)
class UsersBrowserTest {

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fx;

    @Test
    void adminCreatesEditsAndDeactivatesAUser(Page page, ConsoleLog console) {
        UUID tenant = fx.tenant(fx.root(), "browser");
        String username = Fixtures.unique("person");
        page.navigate(url("/login"));
        page.locator("#username").fill("admin");
        page.locator("#password").fill(Http.ADMIN_PASSWORD);
        page.getByTestId("login-submit").click();

        ConsoleNav.go(page, "Users");
        assertThat(page).hasURL(url("/users"));
        assertThat(page.getByTestId("user-row-admin")).isVisible();
        ConsoleNav.switchTenant(page, tenant);
        assertThat(page.getByTestId("users-empty")).isVisible();

        page.locator("#new-username").fill(username);
        page.locator("#new-email").fill(username + "@example.org");
        page.locator("#new-display-name").fill("Browser Person");
        page.locator("#new-password").fill("Browser-Password-123");
        page.getByTestId("new-role-ANALYST").check();
        page.getByTestId("create-user-submit").click();

        assertThat(page.getByTestId("users-message")).containsText("Created the user " + username);
        Locator row = page.getByTestId("user-row-" + username);
        assertThat(row).containsText("Browser Person");
        assertThat(row).containsText("ANALYST");

        row.getByTestId("edit-user").click();
        Locator dialog = page.getByTestId("user-dialog");
        assertThat(dialog).isVisible();
        dialog.locator("#edit-display-name").fill("Renamed Person");
        dialog.getByTestId("edit-role-MANAGER").check();
        dialog.getByTestId("edit-user-submit").click();

        assertThat(page.getByTestId("users-message")).containsText("Saved the changes to " + username);
        row = page.getByTestId("user-row-" + username);
        assertThat(row).containsText("Renamed Person");
        assertThat(row).containsText("MANAGER");

        // The dialog's Cancel closes it without saving.
        row.getByTestId("edit-user").click();
        assertThat(page.getByTestId("user-dialog")).isVisible();
        page.getByTestId("edit-user-cancel").click();
        assertThat(page.getByTestId("user-dialog")).isHidden();

        page.onceDialog(confirm -> confirm.accept());
        row.getByTestId("deactivate-user").click();
        row = page.getByTestId("user-row-" + username);
        assertThat(row.getByTestId("user-status")).hasText("Inactive");
        assertThat(row.getByTestId("activate-user")).isVisible();

        // Declining the confirmation changes nothing.
        page.onceDialog(confirm -> confirm.dismiss());
        row.getByTestId("activate-user").click();
        page.reload();
        assertThat(page.getByTestId("user-row-" + username).getByTestId("user-status"))
                .hasText("Inactive");
        console.assertNoErrors();
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
