package io.tenantra.console;

import io.tenantra.identity.CurrentUser;
import io.tenantra.identity.Permission;
import java.util.function.Predicate;

/**
 * One entry of the console's navigation. Modules that own a page contribute one as a bean; the
 * layout shows it only to callers holding {@code permission} (null: everyone signed in) and, when
 * {@code shownTo} is given, only to callers it accepts (the MSP roll-up is offered only to users
 * who can see more than one tenant). {@code group} puts it into one of the bar's menus; without
 * one it is a link of its own on the bar.
 */
public record NavItem(
        String label,
        String href,
        String icon,
        int order,
        Permission permission,
        Predicate<CurrentUser> shownTo,
        NavGroup group) {

    public NavItem(String label, String href, String icon, int order, Permission permission) {
        this(label, href, icon, order, permission, null, null);
    }

    public NavItem(
            String label, String href, String icon, int order, Permission permission, Predicate<CurrentUser> shownTo) {
        this(label, href, icon, order, permission, shownTo, null);
    }

    public NavItem(String label, String href, String icon, int order, Permission permission, NavGroup group) {
        this(label, href, icon, order, permission, null, group);
    }

    /** Whether the layout shows this item to {@code user}. */
    public boolean shownTo(CurrentUser user) {
        return (permission == null || user.permissions().contains(permission))
                && (shownTo == null || shownTo.test(user));
    }
}
