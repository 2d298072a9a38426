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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The roles page in a real browser: define a role with checkboxes, change it, delete it. */
@ServerTest
@ExtendWith(BrowserSupport.class)
class RolesBrowserTest {

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fx;

    @Test
    void tenantAdminDefinesEditsAndDeletesACustomRole(Page page, ConsoleLog console) {
        UUID tenant = fx.tenant(fx.root(), "browser");
        String name = Fixtures.unique("Auditors").replace('-', '_');
        page.navigate(url("/login"));
        page.locator("#username").fill(fx.user(tenant, "ADMIN"));
        page.locator("#password").fill(Fixtures.PASSWORD);
        page.getByTestId("login-submit").click();

        ConsoleNav.go(page, "Roles");
        assertThat(page).hasURL(url("/roles"));
        assertThat(page.getByTestId("role-row-READONLY")).containsText("SCAN_READ");
        assertThat(page.getByTestId("new-perm-IMPERSONATE")).isDisabled();

        page.getByTestId("new-role-name").fill(name);
        page.locator("#new-role-description").fill("Reads the audit trail");
        page.getByTestId("new-perm-AUDIT_READ").check();
        page.getByTestId("new-perm-TENANT_READ").check();
        page.getByTestId("create-role-submit").click();

        assertThat(page.getByTestId("roles-message")).containsText("Created the role " + name);
        Locator row = page.getByTestId("role-row-" + name);
        assertThat(row).containsText("AUDIT_READ");
        assertThat(row).containsText("Reads the audit trail");

        row.getByTestId("edit-role").click();
        assertThat(page.getByTestId("edit-perm-AUDIT_READ")).isChecked();
        page.getByTestId("edit-perm-SCAN_READ").check();
        page.getByTestId("edit-role-submit").click();
        assertThat(page.getByTestId("roles-message")).containsText("Saved the role " + name);
        assertThat(page.getByTestId("role-row-" + name)).containsText("SCAN_READ");

        page.onceDialog(confirm -> confirm.accept());
        page.getByTestId("role-row-" + name).getByTestId("delete-role").click();
        assertThat(page.getByTestId("roles-message")).containsText("Deleted the role " + name);
        assertThat(page.getByTestId("role-row-" + name)).hasCount(0);
        console.assertNoErrors();
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
