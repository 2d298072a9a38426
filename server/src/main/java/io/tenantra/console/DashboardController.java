package io.tenantra.console;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tenantra.identity.CurrentUser;
import io.tenantra.identity.TenantAccess;
import io.tenantra.identity.UserDirectory;
import io.tenantra.platform.context.TenantScope;
import io.tenantra.tenancy.Tenant;
import io.tenantra.tenancy.TenantDirectory;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The home dashboard: what the signed-in user can see, counted, and how the server is doing. */
@Controller
class DashboardController {

    private final TenantDirectory tenants;
    private final UserDirectory users;
    private final TenantAccess access;
    private final MeterRegistry meters;

    DashboardController(TenantDirectory tenants, UserDirectory users, TenantAccess access, MeterRegistry meters) {
        this.tenants = tenants;
        this.users = users;
        this.access = access;
        this.meters = meters;
    }

    @GetMapping("/")
    String dashboard(@AuthenticationPrincipal CurrentUser user, Model model) {
        TenantScope scope = TenantScope.of(access.visibleTenants(user));
        List<Tenant> visible = tenants.visible(scope);
        Map<Tenant.Plan, Long> byPlan = new EnumMap<>(Tenant.Plan.class);
        for (Tenant.Plan plan : Tenant.Plan.values()) {
            byPlan.put(plan, visible.stream().filter(t -> t.plan() == plan).count());
        }
        model.addAttribute("tenantCount", visible.size());
        model.addAttribute(
                "suspendedCount",
                visible.stream()
                        .filter(t -> t.status() == Tenant.Status.SUSPENDED)
                        .count());
        model.addAttribute("userCount", users.count(scope));
        model.addAttribute("tenantsByPlan", byPlan);
        model.addAttribute("requestsByStatus", requestsByStatus());
        model.addAttribute(
                "uptime",
                formatUptime(
                        Duration.ofMillis(ManagementFactory.getRuntimeMXBean().getUptime())));
        return "dashboard";
    }

    /** API requests served since start, by status class, from the server's own metrics. */
    private Map<String, Long> requestsByStatus() {
        Map<String, Long> counts = new TreeMap<>(Map.of("2xx", 0L, "3xx", 0L, "4xx", 0L, "5xx", 0L));
        for (Timer timer : meters.find("http.server.requests").timers()) {
            String status = timer.getId().getTag("status");
            if (status != null && status.length() == 3) {
                counts.merge(status.charAt(0) + "xx", timer.count(), Long::sum);
            }
        }
        return counts;
    }

    private static String formatUptime(Duration uptime) {
        long days = uptime.toDays();
        long hours = uptime.toHoursPart();
        long minutes = uptime.toMinutesPart();
        return days > 0 ? days + "d " + hours + "h" : hours > 0 ? hours + "h " + minutes + "m" : minutes + "m";
    }
}
