package io.tenantra.console;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tenantra.identity.Permission;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The tiles about the server itself (uptime, API requests by status class) and the navigation
 * item of the page that shows them. They are platform-wide, so they belong on the platform page
 * ({@code /platform}) for platform operators only, never on a customer's home dashboard.
 */
@Configuration(proxyBeanMethods = false)
class ServerTiles {

    @Bean
    DashboardTile uptimeTile() {
        return new DashboardTile(
                "uptime",
                900,
                Permission.PLATFORM_ADMIN,
                DashboardTile.Board.PLATFORM,
                view -> DashboardTile.Content.figure(
                        "Server uptime",
                        formatUptime(Duration.ofMillis(
                                ManagementFactory.getRuntimeMXBean().getUptime())),
                        null));
    }

    @Bean
    DashboardTile requestsTile(MeterRegistry meters) {
        return new DashboardTile(
                "chart-requests",
                910,
                Permission.PLATFORM_ADMIN,
                DashboardTile.Board.PLATFORM,
                view -> DashboardTile.Content.chart(
                        "API requests since start, by status", DashboardTile.Kind.BAR, requestsByStatus(meters)));
    }

    @Bean
    NavItem platformNavItem() {
        return new NavItem("Platform", "/platform", "hdd-stack", 950, Permission.PLATFORM_ADMIN, NavGroup.PLATFORM);
    }

    /** API requests served since start, by status class, from the server's own metrics. */
    private static Map<String, Long> requestsByStatus(MeterRegistry meters) {
        Map<String, Long> counts = new TreeMap<>(Map.of("2xx", 0L, "3xx", 0L, "4xx", 0L, "5xx", 0L));
        for (Timer timer : meters.find("http.server.requests").timers()) {
            String status = timer.getId().getTag("status");
            if (status != null && status.length() == 3) {
                counts.merge(status.charAt(0) + "xx", timer.count(), Long::sum);
            }
        }
        return counts;
    }

    static String formatUptime(Duration uptime) {
        long days = uptime.toDays();
        long hours = uptime.toHoursPart();
        long minutes = uptime.toMinutesPart();
        return days > 0 ? days + "d " + hours + "h" : hours > 0 ? hours + "h " + minutes + "m" : minutes + "m";
    }
}
