package io.tenantra.agents.web;

import io.tenantra.agents.FleetFigures;
import io.tenantra.console.DashboardTile;
import io.tenantra.console.DashboardTile.Content;
import io.tenantra.identity.Permission;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The dashboard tiles about the agent fleet, each computed over the tenants of its view (the
 * tenants shown on which the user may read agents): online / offline / never seen with a click
 * through to the agent list filtered that way, new enrolments, operating systems, agent versions
 * with the outdated ones flagged, and agents without a recent scan. Risk and scan tiles are in
 * {@link RiskTiles}.
 */
@Configuration(proxyBeanMethods = false)
class AgentTiles {

    static final Duration RECENT = Duration.ofDays(7);

    @Bean
    DashboardTile agentsOnlineTile(FleetFigures fleet, Clock clock) {
        return DashboardTile.home(
                "agents-online",
                210,
                Permission.AGENT_READ,
                view -> Content.figure(
                        "Agents online",
                        fleet.connectivity(view.tenants(), clock.instant()).online(),
                        null,
                        agents(view, "status=online")));
    }

    @Bean
    DashboardTile agentsOfflineTile(FleetFigures fleet, Clock clock) {
        return DashboardTile.home("agents-offline", 211, Permission.AGENT_READ, view -> {
            FleetFigures.Connectivity c = fleet.connectivity(view.tenants(), clock.instant());
            return Content.figure(
                    "Agents offline",
                    c.offline(),
                    c.offline() > 0 ? "missed three heartbeats" : null,
                    agents(view, "status=offline"));
        });
    }

    @Bean
    DashboardTile agentsNeverSeenTile(FleetFigures fleet, Clock clock) {
        return DashboardTile.home(
                "agents-never-seen",
                212,
                Permission.AGENT_READ,
                view -> Content.figure(
                        "Agents never seen",
                        fleet.connectivity(view.tenants(), clock.instant()).neverSeen(),
                        null,
                        agents(view, "status=never-seen")));
    }

    @Bean
    DashboardTile agentsNewTile(FleetFigures fleet, Clock clock) {
        return DashboardTile.home(
                "agents-new",
                213,
                Permission.AGENT_READ,
                view -> Content.figure(
                        "Enrolled in the last 7 days",
                        fleet.connectivity(view.tenants(), clock.instant().minus(RECENT))
                                .enrolledSince(),
                        null,
                        "/agents" + (view.focus() == null ? "" : "?tenant=" + view.focus())));
    }

    @Bean
    DashboardTile agentsOutdatedTile(FleetFigures fleet) {
        return DashboardTile.home("agents-outdated", 214, Permission.AGENT_READ, view -> {
            Map<String, Long> versions = fleet.byAgentVersion(view.tenants());
            return AgentVersions.newest(versions)
                    .map(newest -> Content.figure(
                            "Outdated agents",
                            AgentVersions.outdated(versions, newest),
                            "older than " + newest + ", the newest reporting"))
                    .orElseGet(() -> Content.figure("Outdated agents", 0, null));
        });
    }

    @Bean
    DashboardTile agentsNotScannedTile(
            FleetFigures fleet, Clock clock, @Value("${tenantra.dashboard.stale-scan-days:7}") int staleDays) {
        return DashboardTile.home("agents-not-scanned", 215, Permission.AGENT_READ, view -> {
            Instant since = clock.instant().minus(Duration.ofDays(staleDays));
            long stale = fleet.notScannedSince(view.tenants(), since);
            return Content.figure(
                    "Not scanned in " + staleDays + " days",
                    stale,
                    stale > 0 ? "no result since " + staleDays + " days or more" : null,
                    "/scans?" + view.tenantQuery().replaceAll("&$", ""));
        });
    }

    @Bean
    DashboardTile agentOsTile(FleetFigures fleet) {
        return DashboardTile.home(
                "chart-agent-os",
                400,
                Permission.AGENT_READ,
                view -> Content.chart(
                        "Agents by operating system",
                        DashboardTile.Kind.PIE,
                        top(fleet.byOperatingSystem(view.tenants()))));
    }

    @Bean
    DashboardTile agentVersionTile(FleetFigures fleet) {
        return DashboardTile.home("chart-agent-versions", 410, Permission.AGENT_READ, view -> {
            Map<String, Long> versions = new LinkedHashMap<>();
            fleet.byAgentVersion(view.tenants()).forEach((v, n) -> versions.put(v.isBlank() ? "unknown" : v, n));
            return Content.chart("Agents by version", DashboardTile.Kind.BAR, top(versions));
        });
    }

    /** The agent list of the view's tenants, filtered by {@code query}. */
    static String agents(DashboardTile.View view, String query) {
        return "/agents?" + view.tenantQuery() + query;
    }

    /** The eight largest counts, the rest summed as "other", so a chart stays readable. */
    static Map<String, Long> top(Map<String, Long> counts) {
        Map<String, Long> top = new LinkedHashMap<>();
        long other = 0;
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            if (top.size() < 8) {
                top.put(e.getKey(), e.getValue());
            } else {
                other += e.getValue();
            }
        }
        if (other > 0) {
            top.merge("other", other, Long::sum);
        }
        return top;
    }
}
