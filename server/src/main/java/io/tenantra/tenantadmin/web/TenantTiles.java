package io.tenantra.tenantadmin.web;

import io.tenantra.console.DashboardTile;
import io.tenantra.identity.CurrentUser;
import io.tenantra.identity.TenantAccess;
import io.tenantra.platform.context.TenantScope;
import io.tenantra.tenancy.Tenant;
import io.tenantra.tenancy.TenantDirectory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The dashboard tiles about tenants: how many the user can see (and how many are suspended), by plan. */
@Configuration(proxyBeanMethods = false)
class TenantTiles {

    @Bean
    DashboardTile tenantCountTile(TenantDirectory tenants, TenantAccess access) {
        return new DashboardTile("tenant-count", 100, null, user -> {
            List<Tenant> visible = visible(user, tenants, access);
            long suspended = visible.stream()
                    .filter(t -> t.status() == Tenant.Status.SUSPENDED)
                    .count();
            return DashboardTile.Content.figure(
                    "Tenants you can see", visible.size(), suspended > 0 ? suspended + " suspended" : null);
        });
    }

    @Bean
    DashboardTile tenantsByPlanTile(TenantDirectory tenants, TenantAccess access) {
        // Platform-wide by nature: shown on the platform page, not on customers' dashboards.
        return new DashboardTile("chart-tenants-by-plan", 110, null, DashboardTile.Board.PLATFORM, view -> {
            List<Tenant> visible = visible(view.user(), tenants, access);
            Map<String, Long> byPlan = new LinkedHashMap<>();
            for (Tenant.Plan plan : Tenant.Plan.values()) {
                byPlan.put(
                        plan.name(),
                        visible.stream().filter(t -> t.plan() == plan).count());
            }
            return DashboardTile.Content.chart("Tenants by plan", DashboardTile.Kind.PIE, byPlan);
        });
    }

    private static List<Tenant> visible(CurrentUser user, TenantDirectory tenants, TenantAccess access) {
        return tenants.visible(TenantScope.of(access.visibleTenants(user)));
    }
}
