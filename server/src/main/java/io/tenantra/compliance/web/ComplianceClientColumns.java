package io.tenantra.compliance.web;

import io.tenantra.compliance.frameworks.Framework;
import io.tenantra.compliance.frameworks.FrameworkLibrary;
import io.tenantra.compliance.store.ComplianceSummaries;
import io.tenantra.compliance.store.ScoreRows;
import io.tenantra.console.ClientColumn;
import io.tenantra.console.ClientColumn.Cell;
import io.tenantra.database.TenantTransactions;
import io.tenantra.identity.Permission;
import io.tenantra.platform.context.TenantScope;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The compliance column of the MSP roll-up: each customer's score, the mean of its built-in
 * frameworks' latest daily scores (each framework counts once). Read from the daily history for
 * all customers in one statement (one primary-key probe per customer and framework), never by
 * evaluating anything.
 */
@Configuration(proxyBeanMethods = false)
class ComplianceClientColumns {

    @Bean
    ClientColumn complianceColumn(ScoreRows scores, FrameworkLibrary library, TenantTransactions tx, Clock clock) {
        List<String> frameworks =
                library.frameworks().stream().map(Framework::id).toList();
        return new ClientColumn("compliance", "Compliance", 200, Permission.COMPLIANCE_READ, tenants -> {
            Map<UUID, Cell> cells = new HashMap<>();
            if (tenants.isEmpty()) {
                return cells;
            }
            List<ScoreRows.DailyScore> latest = tx.read(
                    TenantScope.of(tenants),
                    () -> scores.latest(tenants, frameworks, ComplianceSummaries.today(clock.instant())));
            Map<UUID, double[]> sums = new HashMap<>();
            for (ScoreRows.DailyScore day : latest) {
                if (day.meanScore() != null) {
                    double[] sum = sums.computeIfAbsent(day.tenantId(), k -> new double[2]);
                    sum[0] += day.meanScore();
                    sum[1]++;
                }
            }
            sums.forEach((tenant, sum) -> {
                long score = Math.round(sum[0] / sum[1]);
                cells.put(tenant, new Cell(score, score + " %", "/compliance?tenant=" + tenant, null));
            });
            return cells;
        });
    }
}
