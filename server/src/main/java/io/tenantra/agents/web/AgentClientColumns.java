package io.tenantra.agents.web;

import io.tenantra.agents.FleetFigures;
import io.tenantra.agents.RiskFigures;
import io.tenantra.console.ClientColumn;
import io.tenantra.console.ClientColumn.Cell;
import io.tenantra.identity.Permission;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The agents module's columns of the MSP roll-up: agents, offline agents, open critical and high
 * risks, and the last scan of each customer, each read for all customers in one statement.
 */
@Configuration(proxyBeanMethods = false)
class AgentClientColumns {

    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    @Bean
    ClientColumn agentsColumn(FleetFigures fleet) {
        return new ClientColumn("agents", "Agents", 100, Permission.AGENT_READ, tenants -> {
            Map<UUID, Cell> cells = new HashMap<>();
            fleet.perTenant(tenants)
                    .forEach((tenant, f) -> cells.put(tenant, Cell.of(f.agents(), "/agents?tenant=" + tenant)));
            return cells;
        });
    }

    @Bean
    ClientColumn offlineColumn(FleetFigures fleet) {
        return new ClientColumn("offline", "Offline", 110, Permission.AGENT_READ, tenants -> {
            Map<UUID, Cell> cells = new HashMap<>();
            fleet.perTenant(tenants)
                    .forEach((tenant, f) -> cells.put(
                            tenant,
                            new Cell(
                                    f.offline(),
                                    String.valueOf(f.offline()),
                                    "/agents?tenant=" + tenant + "&status=offline",
                                    f.offline() > 0 ? "offline" : null)));
            return cells;
        });
    }

    @Bean
    ClientColumn highRisksColumn(RiskFigures risks, Clock clock) {
        return new ClientColumn("high-risks", "Critical / high risks", 120, Permission.AGENT_READ, tenants -> {
            Map<UUID, Cell> cells = new HashMap<>();
            risks.severePerTenant(tenants, clock.instant())
                    .forEach((tenant, n) -> cells.put(
                            tenant, new Cell(n, String.valueOf(n), "/?tenant=" + tenant, n > 0 ? "HIGH" : null)));
            return cells;
        });
    }

    @Bean
    ClientColumn lastScanColumn(FleetFigures fleet) {
        return new ClientColumn("last-scan", "Last scan", 130, Permission.SCAN_READ, tenants -> {
            Map<UUID, Cell> cells = new HashMap<>();
            fleet.perTenant(tenants).forEach((tenant, f) -> {
                if (f.lastScan() != null) {
                    cells.put(
                            tenant, new Cell(f.lastScan(), DAY.format(f.lastScan()), "/scans?tenant=" + tenant, null));
                }
            });
            return cells;
        });
    }
}
