package io.tenantra.agents.web;

import io.tenantra.agents.FleetFigures;
import io.tenantra.agents.RiskFigures;
import io.tenantra.console.DashboardTile;
import io.tenantra.console.DashboardTile.Content;
import io.tenantra.console.DashboardTile.Row;
import io.tenantra.identity.Permission;
import io.tenantra.model.Severity;
import io.tenantra.platform.context.TenantScope;
import io.tenantra.tenancy.Tenant;
import io.tenantra.tenancy.TenantDirectory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The dashboard tiles about what scans found and how scans went: open risks by severity with
 * their change over 7 and 30 days, the five riskiest assets, the latest scans and failed jobs.
 * Each reads only the tenants of its view.
 */
@Configuration(proxyBeanMethods = false)
class RiskTiles {

    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    @Bean
    DashboardTile risksBySeverityTile(RiskFigures risks, Clock clock) {
        return DashboardTile.home("risks-by-severity", 220, Permission.AGENT_READ, view -> {
            Instant now = clock.instant();
            Map<Severity, Long> current = risks.bySeverity(view.tenants(), now);
            Map<Severity, Long> weekAgo = risks.bySeverity(view.tenants(), now.minus(Duration.ofDays(7)));
            Map<Severity, Long> monthAgo = risks.bySeverity(view.tenants(), now.minus(Duration.ofDays(30)));
            List<Row> rows = new ArrayList<>();
            for (int i = Severity.values().length - 1; i >= 0; i--) {
                Severity s = Severity.values()[i];
                long n = current.get(s);
                rows.add(new Row(
                        s.name(),
                        String.valueOf(n),
                        change(n - weekAgo.get(s)) + " in 7 days · " + change(n - monthAgo.get(s)) + " in 30 days",
                        null,
                        n > 0 ? s.name() : null));
            }
            return Content.list("Open risks by severity", rows, "No risks.");
        });
    }

    @Bean
    DashboardTile riskiestAssetsTile(RiskFigures risks, TenantDirectory directory, Clock clock) {
        return DashboardTile.home("riskiest-assets", 230, Permission.AGENT_READ, view -> {
            Map<UUID, String> names = names(directory, view);
            List<Row> rows = risks.riskiest(view.tenants(), clock.instant(), 5).stream()
                    .map(a -> new Row(
                            a.name(),
                            String.valueOf(a.total()),
                            a.critical() + " critical · " + a.high() + " high · " + a.medium() + " medium"
                                    + tenantSuffix(view, names, a.tenantId()),
                            "/agents/" + a.agentId() + "?tenant=" + a.tenantId(),
                            a.critical() > 0 ? "CRITICAL" : a.high() > 0 ? "HIGH" : a.medium() > 0 ? "MEDIUM" : "LOW"))
                    .toList();
            return Content.list("Riskiest assets", rows, "No asset has open risks.");
        });
    }

    @Bean
    DashboardTile recentScansTile(FleetFigures fleet, TenantDirectory directory) {
        return DashboardTile.home("recent-scans", 240, Permission.SCAN_READ, view -> {
            Map<UUID, String> names = names(directory, view);
            List<Row> rows = fleet.recentScans(view.tenants(), 5).stream()
                    .map(s -> new Row(
                            "Scan of " + s.jobs() + (s.jobs() == 1 ? " agent" : " agents")
                                    + (s.modules() == null ? "" : " (" + String.join(", ", s.modules()) + ")"),
                            outcome(s),
                            WHEN.format(s.createdAt()) + tenantSuffix(view, names, s.tenantId()),
                            "/scans/" + s.id() + "?tenant=" + s.tenantId(),
                            s.failed() > 0 ? "failed" : s.open() > 0 ? null : "ok"))
                    .toList();
            return Content.list("Recent scans", rows, "No scans yet.");
        });
    }

    @Bean
    DashboardTile scanFailuresTile(FleetFigures fleet, Clock clock) {
        return DashboardTile.home("scan-failures", 216, Permission.SCAN_READ, view -> {
            long failed = fleet.failedJobsSince(view.tenants(), clock.instant().minus(Duration.ofDays(7)));
            return Content.figure(
                    "Failed scan jobs, 7 days",
                    failed,
                    failed > 0 ? "failed or timed out" : null,
                    "/scans?" + view.tenantQuery().replaceAll("&$", ""));
        });
    }

    private static String outcome(FleetFigures.RecentScan scan) {
        if (scan.cancelled()) {
            return "cancelled";
        }
        if (scan.open() > 0) {
            return "running";
        }
        return scan.failed() > 0 ? scan.failed() + " failed" : scan.succeeded() + " ok";
    }

    private static String change(long delta) {
        return delta > 0 ? "+" + delta : delta < 0 ? "−" + (-delta) : "±0";
    }

    /** Names of the view's tenants, to say whose row it is when several are shown. */
    private static Map<UUID, String> names(TenantDirectory directory, DashboardTile.View view) {
        if (view.tenants().size() < 2) {
            return Map.of();
        }
        return directory.visible(TenantScope.of(view.tenants())).stream()
                .collect(Collectors.toMap(Tenant::id, Tenant::name));
    }

    private static String tenantSuffix(DashboardTile.View view, Map<UUID, String> names, UUID tenant) {
        String name = names.get(tenant);
        return name == null ? "" : " · " + name;
    }
}
