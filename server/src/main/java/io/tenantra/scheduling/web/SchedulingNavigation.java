package io.tenantra.scheduling.web;

import io.tenantra.console.DashboardTile;
import io.tenantra.console.DashboardTile.Content;
import io.tenantra.console.NavGroup;
import io.tenantra.console.NavItem;
import io.tenantra.identity.Permission;
import io.tenantra.platform.context.TenantScope;
import io.tenantra.scheduling.Notifications;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the scheduling pages contribute to the console shell: one entry in the Fleet menu (profiles,
 * blackout windows, the calendar and notifications are reached from the schedules page, so the
 * top bar keeps room), and a dashboard figure of the user's unread notifications, which stands in
 * for a header badge until the alerting module owns notifications.
 */
@Configuration(proxyBeanMethods = false)
class SchedulingNavigation {

    @Bean
    NavItem schedulesNavItem() {
        return new NavItem("Schedules", "/schedules", "calendar-event", 260, Permission.SCAN_READ, NavGroup.FLEET);
    }

    @Bean
    DashboardTile unreadNotificationsTile(Notifications notifications) {
        return DashboardTile.home("notifications-unread", 290, Permission.SCAN_READ, view -> {
            long unread = view.tenants().isEmpty()
                    ? 0
                    : notifications.unread(
                            TenantScope.of(view.tenants()), view.user().userId());
            return Content.figure(
                    "Unread notifications", unread, unread > 0 ? "scheduled scans finished" : null, "/notifications");
        });
    }
}
