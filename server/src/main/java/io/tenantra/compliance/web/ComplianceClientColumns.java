package io.tenantra.compliance.web;

import io.tenantra.compliance.store.ComplianceSummaries;
import io.tenantra.compliance.store.ScoreRows;
import io.tenantra.console.ClientColumn;
import io.tenantra.console.ClientColumn.Cell;
import io.tenantra.database.TenantTransactions;
import io.tenantra.identity.Permission;
import io.tenantra.platform.context.TenantScope;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The compliance column of the MSP roll-up: each customer's score, the mean of its frameworks'
 * latest daily scores of the last 90 days (each framework counts once). Read from the daily
 * history for all customers in one statement, never by evaluating anything.
 */
@Configuration(proxyBeanMethods = false)
class ComplianceClientColumns {

    // A score not refreshed for this long is shown as no score: the roll-up reads one window of
    // history for all customers in one scan instead of probing each customer and framework.
    private static final int WINDOW_DAYS = 90;

    @Bean
    ClientColumn complianceColumn(ScoreRows scores, TenantTransactions tx, Clock clock) {
        return new ClientColumn("compliance", "Compliance", 200, Permission.COMPLIANCE_READ, tenants -> {
            Map<UUID, Cell> cells = new HashMap<>();
            if (tenants.isEmpty()) {
                return cells;
            }
            LocalDate today = ComplianceSummaries.today(clock.instant());
            List<ScoreRows.DailyScore> latest = tx.read(
                    TenantScope.of(tenants), () -> scores.latestWithin(tenants, today.minusDays(WINDOW_DAYS), today));
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
