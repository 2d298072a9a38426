package io.tenantra.console;

/**
 * The menus of the console's navigation bar. Sixteen entries side by side pushed the tenant
 * switcher, the user's name and Log out onto a second line at 1440 px; grouped, the bar holds a
 * few top-level links and menus. A group takes its place in the bar by {@code order} (the same
 * scale as {@link NavItem#order()}); a group with one entry the user may see is shown as that
 * entry's plain link, so nobody opens a menu to find a single item.
 */
public enum NavGroup {
    FLEET("Fleet", 200),
    COMPLIANCE("Compliance", 300),
    ADMINISTRATION("Administration", 800),
    PLATFORM("Platform", 950);

    private final String label;
    private final int order;

    NavGroup(String label, int order) {
        this.label = label;
        this.order = order;
    }

    public String label() {
        return label;
    }

    public int order() {
        return order;
    }

    /** The menu's element id and test id suffix: {@code fleet}, {@code administration}, … */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
