package io.tenantra.compliance.web;

import io.tenantra.compliance.evaluation.Verdict;
import io.tenantra.compliance.store.ComplianceSummaries;
import io.tenantra.compliance.store.ResultQuery;
import io.tenantra.compliance.store.ResultRows;
import io.tenantra.console.DashboardTile;
import io.tenantra.database.TenantTransactions;
import io.tenantra.identity.Permission;
import io.tenantra.model.Severity;
import io.tenantra.platform.context.TenantScope;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The dashboard tiles of compliance, over the tenants of the view on which the user may read
 * compliance: the posture (score) per enabled framework, and how many critical or high checks fail
 * there now. The frameworks are those enabled on the tenant shown, or, for all the user's tenants,
 * on the home tenant (else the first tenant readable); the scores pool every tenant of the view.
 */
@Configuration(proxyBeanMethods = false)
class ComplianceTiles {

    @Bean
    DashboardTile compliancePostureTile(ComplianceSummaries summaries, Clock clock) {
        return DashboardTile.home("chart-compliance-posture", 300, Permission.COMPLIANCE_READ, view -> {
            Map<String, Long> scores = new LinkedHashMap<>();
            UUID anchor = anchor(view);
            if (anchor != null) {
                for (ComplianceSummaries.FrameworkSummary framework : summaries.summary(
                        TenantScope.of(view.tenants()),
                        anchor,
                        view.tenants(),
                        ComplianceSummaries.today(clock.instant()),
                        7)) {
                    if (framework.score() != null) {
                        scores.put(framework.title(), Math.round(framework.score()));
                    }
                }
            }
            return DashboardTile.Content.chart("Compliance score per framework", DashboardTile.Kind.BAR, scores);
        });
    }

    @Bean
    DashboardTile complianceFailingTile(ResultRows results, TenantTransactions tx) {
        return DashboardTile.home("compliance-failing-severe", 310, Permission.COMPLIANCE_READ, view -> {
            if (view.tenants().isEmpty()) {
                return DashboardTile.Content.figure("Failing critical / high checks", "–", null);
            }
            ResultQuery severe = new ResultQuery(
                    null,
                    Set.of(Verdict.FAIL),
                    Set.of(Severity.CRITICAL.name(), Severity.HIGH.name()),
                    null,
                    null,
                    null,
                    null,
                    false);
            // One transaction; the count is per tenant because verdicts are stored per tenant.
            long failing = tx.read(
                    TenantScope.of(view.tenants()),
                    () -> view.tenants().stream()
                            .mapToLong(tenant -> results.count(tenant, severe))
                            .sum());
            String href = view.focus() == null ? "/compliance/results" : "/compliance/results?tenant=" + view.focus();
            return DashboardTile.Content.figure("Failing critical / high checks", failing, null, href);
        });
    }

    /** Whose enabled frameworks the posture lists; null when the view has no readable tenant. */
    private static UUID anchor(DashboardTile.View view) {
        if (view.tenants().isEmpty()) {
            return null;
        }
        if (view.focus() != null) {
            return view.focus();
        }
        UUID home = view.user().tenantId();
        return home != null && view.tenants().contains(home)
                ? home
                : List.copyOf(view.tenants()).get(0);
    }
}
