package io.tenantra.support;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.UUID;

/**
 * How a person moves around the console in browser tests: the navigation groups its entries into
 * menus (Fleet, Administration, Platform, the user's own), so reaching an entry may mean opening
 * its menu first (and on a narrow screen the folded bar); the header's switcher chooses the tenant.
 */
public final class ConsoleNav {

    private ConsoleNav() {}

    /** The navigation entry named {@code label}, whether shown or inside a closed menu. */
    public static Locator entry(Page page, String label) {
        return page.getByTestId("navigation")
                .getByRole(
                        AriaRole.LINK,
                        new Locator.GetByRoleOptions()
                                .setName(label)
                                .setExact(true)
                                .setIncludeHidden(true));
    }

    /** Clicks the navigation entry named {@code label}, opening the fold and its menu as needed. */
    public static void go(Page page, String label) {
        reveal(page, label).click();
    }

    /** Makes the entry named {@code label} visible (opens the folded bar and its menu) and returns it. */
    public static Locator reveal(Page page, String label) {
        Locator toggle = page.getByTestId("nav-toggle");
        if (toggle.isVisible() && "false".equals(toggle.getAttribute("aria-expanded"))) {
            toggle.click();
        }
        Locator link = entry(page, label);
        if (!link.isVisible()) {
            link.locator("xpath=ancestor::li[@data-nav-group][1]/button").click();
        }
        return link;
    }

    /** Chooses {@code tenant} in the header's switcher. */
    public static void switchTenant(Page page, UUID tenant) {
        Locator toggle = page.getByTestId("nav-toggle");
        if (toggle.isVisible() && "false".equals(toggle.getAttribute("aria-expanded"))) {
            toggle.click();
        }
        page.getByTestId("tenant-switcher-button").click();
        page.locator("[data-testid=tenant-switcher-option][data-tenant-id='" + tenant + "']")
                .click();
    }
}
