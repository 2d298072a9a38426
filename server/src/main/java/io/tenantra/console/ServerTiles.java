package io.tenantra.console;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The dashboard tiles about the server itself: uptime and API requests by status class. */
@Configuration(proxyBeanMethods = false)
class ServerTiles {

    @Bean
    DashboardTile uptimeTile() {
        return new DashboardTile(
                "uptime",
                900,
                null,
                user -> DashboardTile.Content.figure(
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
                null,
                user -> DashboardTile.Content.chart(
                        "API requests since start, by status", DashboardTile.Kind.BAR, requestsByStatus(meters)));
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
