package io.tenantra.compliance.store;

import io.tenantra.compliance.frameworks.Framework;
import io.tenantra.database.TenantTransactions;
import io.tenantra.platform.context.TenantScope;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * The posture of a tenant (or an MSP's subtree) per enabled framework, read from the daily
 * history only: a handful of primary-key probes whatever the number of assets, which is what
 * keeps the summary fast for fleets of ten thousand.
 */
@Service
public class ComplianceSummaries {

    private final ScoreRows scores;
    private final ComplianceEnablement enablement;
    private final ContentCatalog catalog;
    private final TenantTransactions tx;

    ComplianceSummaries(
            ScoreRows scores, ComplianceEnablement enablement, ContentCatalog catalog, TenantTransactions tx) {
        this.scores = scores;
        this.enablement = enablement;
        this.catalog = catalog;
        this.tx = tx;
    }

    /**
     * One framework's standing. Scores are 0–100 or null when nothing could be judged.
     *
     * @param score mean of the asset scores (each asset counts once)
     * @param pooledScore every judged control of every asset counts once
     * @param trend score minus the score {@code trendDays} earlier; null without both
     */
    public record FrameworkSummary(
            String frameworkId,
            String title,
            Double score,
            Double scoreWithExceptions,
            Double pooledScore,
            Double pooledScoreWithExceptions,
            int pass,
            int fail,
            int notApplicable,
            int error,
            int assets,
            int tenants,
            LocalDate asOf,
            Double trend,
            int trendDays) {}

    /**
     * The summary of {@code tenantId} alone, or of every tenant of {@code subtree} (already
     * narrowed to what the caller sees), for the frameworks the tenant has enabled.
     */
    public List<FrameworkSummary> summary(
            TenantScope scope, UUID tenantId, Collection<UUID> tenants, LocalDate today, int trendDays) {
        List<Framework> frameworks = catalog.forTenant(scope, tenantId, enablement.effective(tenantId))
                .frameworks();
        List<String> ids = frameworks.stream().map(Framework::id).toList();
        List<List<ScoreRows.DailyScore>> read = tx.read(
                scope,
                () -> List.of(
                        scores.latest(tenants, ids, today), scores.latest(tenants, ids, today.minusDays(trendDays))));
        List<ScoreRows.DailyScore> now = read.get(0);
        List<ScoreRows.DailyScore> before = read.get(1);
        Map<String, List<ScoreRows.DailyScore>> nowBy = byFramework(now);
        Map<String, List<ScoreRows.DailyScore>> beforeBy = byFramework(before);
        List<FrameworkSummary> summaries = new ArrayList<>();
        for (Framework framework : frameworks) {
            Rollup current = Rollup.of(nowBy.getOrDefault(framework.id(), List.of()));
            Rollup earlier = Rollup.of(beforeBy.getOrDefault(framework.id(), List.of()));
            Double trend = current.mean == null || earlier.mean == null ? null : round(current.mean - earlier.mean);
            summaries.add(new FrameworkSummary(
                    framework.id(),
                    framework.title(),
                    current.mean,
                    current.meanWithExceptions,
                    current.pooled,
                    current.pooledWithExceptions,
                    current.pass,
                    current.fail,
                    current.na,
                    current.error,
                    current.assets,
                    current.tenants,
                    current.asOf,
                    trend,
                    trendDays));
        }
        return summaries;
    }

    /** The tenant's daily history of one framework, oldest first. */
    public List<ScoreRows.DailyScore> history(
            TenantScope scope, UUID tenantId, String frameworkId, LocalDate from, LocalDate to) {
        return tx.read(scope, () -> scores.history(tenantId, frameworkId, from, to));
    }

    public static LocalDate today(java.time.Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC);
    }

    private static Map<String, List<ScoreRows.DailyScore>> byFramework(List<ScoreRows.DailyScore> rows) {
        Map<String, List<ScoreRows.DailyScore>> by = new HashMap<>();
        rows.forEach(
                r -> by.computeIfAbsent(r.frameworkId(), k -> new ArrayList<>()).add(r));
        return by;
    }

    /** Tenants' rows of one framework combined: means weighted by asset count, counts pooled. */
    private static final class Rollup {
        int pass;
        int fail;
        int na;
        int error;
        int assets;
        int tenants;
        Double mean;
        Double meanWithExceptions;
        Double pooled;
        Double pooledWithExceptions;
        LocalDate asOf;

        static Rollup of(List<ScoreRows.DailyScore> rows) {
            Rollup r = new Rollup();
            double meanSum = 0;
            int meanAssets = 0;
            double meanExSum = 0;
            int meanExAssets = 0;
            int passEx = 0;
            int failEx = 0;
            for (ScoreRows.DailyScore row : rows) {
                r.pass += row.pass();
                r.fail += row.fail();
                r.na += row.notApplicable();
                r.error += row.error();
                r.assets += row.assets();
                r.tenants++;
                if (row.meanScore() != null) {
                    meanSum += row.meanScore() * row.assets();
                    meanAssets += row.assets();
                }
                if (row.meanScoreWithExceptions() != null) {
                    meanExSum += row.meanScoreWithExceptions() * row.assets();
                    meanExAssets += row.assets();
                }
                passEx += row.passWithExceptions();
                failEx += row.failWithExceptions();
                if (r.asOf == null || row.day().isAfter(r.asOf)) {
                    r.asOf = row.day();
                }
            }
            r.mean = meanAssets == 0 ? null : round(meanSum / meanAssets);
            r.meanWithExceptions = meanExAssets == 0 ? null : round(meanExSum / meanExAssets);
            r.pooled = r.pass + r.fail == 0 ? null : round(100.0 * r.pass / (r.pass + r.fail));
            r.pooledWithExceptions = passEx + failEx == 0 ? null : round(100.0 * passEx / (passEx + failEx));
            return r;
        }
    }

    static Double round(double value) {
        return Math.round(value * 100.0) / 100.0;
    }
}
