package io.tenantra.compliance.web;

import io.tenantra.compliance.evaluation.Verdict;
import io.tenantra.compliance.store.ComplianceSummaries;
import io.tenantra.compliance.store.ResultQuery;
import io.tenantra.compliance.store.ResultRows;
import io.tenantra.console.DashboardTile;
import io.tenantra.database.TenantTransactions;
import io.tenantra.identity.CurrentUser;
import io.tenantra.identity.Permission;
import io.tenantra.identity.TenantAccess;
import io.tenantra.model.Severity;
import io.tenantra.platform.context.TenantScope;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The dashboard tiles of compliance, for the signed-in user's home tenant: the posture (score) per
 * enabled framework, and how many critical or high checks fail there now. A user who cannot read
 * compliance on the home tenant sees no figures from it.
 */
@Configuration(proxyBeanMethods = false)
class ComplianceTiles {

    @Bean
    DashboardTile compliancePostureTile(ComplianceSummaries summaries, TenantAccess access) {
        return new DashboardTile("chart-compliance-posture", 300, Permission.COMPLIANCE_READ, user -> {
            Map<String, Long> scores = new LinkedHashMap<>();
            UUID tenant = user.tenantId();
            if (readable(user, access)) {
                TenantScope scope = TenantScope.of(List.of(tenant));
                for (ComplianceSummaries.FrameworkSummary framework : summaries.summary(
                        scope, tenant, List.of(tenant), ComplianceSummaries.today(Instant.now()), 7)) {
                    if (framework.score() != null) {
                        scores.put(framework.title(), Math.round(framework.score()));
                    }
                }
            }
            return DashboardTile.Content.chart("Compliance score per framework", DashboardTile.Kind.BAR, scores);
        });
    }

    @Bean
    DashboardTile complianceFailingTile(ResultRows results, TenantTransactions tx, TenantAccess access) {
        return new DashboardTile("compliance-failing-severe", 310, Permission.COMPLIANCE_READ, user -> {
            if (!readable(user, access)) {
                return DashboardTile.Content.figure("Failing critical / high checks", "–", null);
            }
            UUID tenant = user.tenantId();
            ResultQuery severe = new ResultQuery(
                    null,
                    Set.of(Verdict.FAIL),
                    Set.of(Severity.CRITICAL.name(), Severity.HIGH.name()),
                    null,
                    null,
                    null,
                    null,
                    false);
            long failing = tx.read(TenantScope.of(List.of(tenant)), () -> results.count(tenant, severe));
            return DashboardTile.Content.figure("Failing critical / high checks", failing, null);
        });
    }

    private static boolean readable(CurrentUser user, TenantAccess access) {
        return user.tenantId() != null
                && access.permissionsOn(user, user.tenantId()).contains(Permission.COMPLIANCE_READ);
    }
}
