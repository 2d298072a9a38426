package io.tenantra.compliance.store;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL for scores: one row per asset and framework, and one per tenant, framework and day (the
 * history the summary and trends read). Callers run inside a tenant transaction.
 */
@Repository
public class ScoreRows {

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;

    ScoreRows(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    /** Control statuses of one framework on one asset, and its 0–100 scores (null: nothing judged). */
    public record AssetScore(
            UUID agentId,
            String frameworkId,
            int pass,
            int fail,
            int notApplicable,
            int error,
            int passWithExceptions,
            int failWithExceptions,
            Double score,
            Double scoreWithExceptions,
            Instant evaluatedAt) {}

    /** One tenant's standing in one framework on one day. */
    public record DailyScore(
            UUID tenantId,
            String frameworkId,
            LocalDate day,
            int pass,
            int fail,
            int notApplicable,
            int error,
            int passWithExceptions,
            int failWithExceptions,
            int assets,
            Double meanScore,
            Double pooledScore,
            Double meanScoreWithExceptions,
            Double pooledScoreWithExceptions) {}

    /** Replaces every framework score of {@code agentIds} with {@code scores}. */
    public void replace(UUID tenantId, Collection<UUID> agentIds, List<AssetScore> scores) {
        if (agentIds.isEmpty()) {
            return;
        }
        jdbc.sql("DELETE FROM compliance_asset_score WHERE tenant_id = ? AND agent_id = ANY(?::uuid[])")
                .params(tenantId, agentIds.stream().map(UUID::toString).toArray(String[]::new))
                .update();
        List<Object[]> args = new ArrayList<>(scores.size());
        for (AssetScore s : scores) {
            args.add(new Object[] {
                tenantId,
                s.agentId(),
                s.frameworkId(),
                s.pass(),
                s.fail(),
                s.notApplicable(),
                s.error(),
                s.passWithExceptions(),
                s.failWithExceptions(),
                decimal(s.score()),
                decimal(s.scoreWithExceptions()),
                Timestamp.from(s.evaluatedAt())
            });
        }
        batch.batchUpdate(
                "INSERT INTO compliance_asset_score (tenant_id, agent_id, framework_id, pass_count, fail_count,"
                        + " na_count, error_count, pass_with_exceptions, fail_with_exceptions, score,"
                        + " score_with_exceptions, evaluated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                args);
    }

    /** Every framework score of some of the tenant's assets. */
    public List<AssetScore> assetScores(UUID tenantId, Collection<UUID> agentIds) {
        return jdbc.sql("SELECT agent_id, framework_id, pass_count, fail_count, na_count, error_count,"
                        + " pass_with_exceptions, fail_with_exceptions, score, score_with_exceptions, evaluated_at"
                        + " FROM compliance_asset_score WHERE tenant_id = ? AND agent_id = ANY(?::uuid[])"
                        + " ORDER BY agent_id, framework_id")
                .params(tenantId, agentIds.stream().map(UUID::toString).toArray(String[]::new))
                .query((rs, i) -> new AssetScore(
                        rs.getObject(1, UUID.class),
                        rs.getString(2),
                        rs.getInt(3),
                        rs.getInt(4),
                        rs.getInt(5),
                        rs.getInt(6),
                        rs.getInt(7),
                        rs.getInt(8),
                        number(rs, 9),
                        number(rs, 10),
                        rs.getTimestamp(11).toInstant()))
                .list();
    }

    /**
     * Rewrites the tenant's history row of {@code day} for every framework from the current asset
     * scores (frameworks no asset is scored in any more keep their earlier rows only).
     */
    public void rollUp(UUID tenantId, LocalDate day, Instant at) {
        jdbc.sql("INSERT INTO compliance_score_daily (tenant_id, framework_id, day, pass_count, fail_count, na_count,"
                        + " error_count, pass_with_exceptions, fail_with_exceptions, asset_count, mean_score,"
                        + " pooled_score, mean_score_with_exceptions, pooled_score_with_exceptions, updated_at)"
                        + " SELECT tenant_id, framework_id, ?, sum(pass_count), sum(fail_count), sum(na_count),"
                        + " sum(error_count), sum(pass_with_exceptions), sum(fail_with_exceptions), count(*),"
                        + " round(avg(score), 2),"
                        + " round(100.0 * sum(pass_count) / nullif(sum(pass_count) + sum(fail_count), 0), 2),"
                        + " round(avg(score_with_exceptions), 2),"
                        + " round(100.0 * sum(pass_with_exceptions)"
                        + " / nullif(sum(pass_with_exceptions) + sum(fail_with_exceptions), 0), 2), ?"
                        + " FROM compliance_asset_score WHERE tenant_id = ? GROUP BY tenant_id, framework_id"
                        + " ON CONFLICT (tenant_id, framework_id, day) DO UPDATE SET pass_count = excluded.pass_count,"
                        + " fail_count = excluded.fail_count, na_count = excluded.na_count,"
                        + " error_count = excluded.error_count, asset_count = excluded.asset_count,"
                        + " pass_with_exceptions = excluded.pass_with_exceptions,"
                        + " fail_with_exceptions = excluded.fail_with_exceptions,"
                        + " mean_score = excluded.mean_score, pooled_score = excluded.pooled_score,"
                        + " mean_score_with_exceptions = excluded.mean_score_with_exceptions,"
                        + " pooled_score_with_exceptions = excluded.pooled_score_with_exceptions,"
                        + " updated_at = excluded.updated_at")
                .params(Date.valueOf(day), Timestamp.from(at), tenantId)
                .update();
    }

    /** Each tenant's newest history row per framework on or before {@code day}. */
    public List<DailyScore> latest(Collection<UUID> tenantIds, Collection<String> frameworks, LocalDate day) {
        if (tenantIds.isEmpty() || frameworks.isEmpty()) {
            return List.of();
        }
        // One index probe per tenant and framework (primary key, newest day first).
        return jdbc.sql("SELECT d.* FROM unnest(?::uuid[]) AS t(id) CROSS JOIN unnest(?::text[]) AS f(id)"
                        + " CROSS JOIN LATERAL (SELECT " + DAILY + " FROM compliance_score_daily"
                        + " WHERE tenant_id = t.id AND framework_id = f.id AND day <= ?"
                        + " ORDER BY day DESC LIMIT 1) d")
                .params(
                        tenantIds.stream().map(UUID::toString).toArray(String[]::new),
                        frameworks.toArray(String[]::new),
                        Date.valueOf(day))
                .query((rs, i) -> daily(rs))
                .list();
    }

    /**
     * Each tenant's newest history row per framework between {@code from} and {@code day}, for many
     * tenants in one index scan (the MSP roll-up): cheaper than {@link #latest}'s probe per tenant
     * and framework when there are hundreds of tenants, at the price of the window.
     */
    public List<DailyScore> latestWithin(Collection<UUID> tenantIds, LocalDate from, LocalDate day) {
        if (tenantIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT DISTINCT ON (tenant_id, framework_id) " + DAILY + " FROM compliance_score_daily"
                        + " WHERE tenant_id = ANY(?::uuid[]) AND day BETWEEN ? AND ?"
                        + " ORDER BY tenant_id, framework_id, day DESC")
                .params(
                        tenantIds.stream().map(UUID::toString).toArray(String[]::new),
                        Date.valueOf(from),
                        Date.valueOf(day))
                .query((rs, i) -> daily(rs))
                .list();
    }

    /** The tenant's history of one framework between two days, oldest first. */
    public List<DailyScore> history(UUID tenantId, String frameworkId, LocalDate from, LocalDate to) {
        return jdbc.sql("SELECT " + DAILY + " FROM compliance_score_daily WHERE tenant_id = ? AND framework_id = ?"
                        + " AND day BETWEEN ? AND ? ORDER BY day")
                .params(tenantId, frameworkId, Date.valueOf(from), Date.valueOf(to))
                .query((rs, i) -> daily(rs))
                .list();
    }

    private static final String DAILY = "tenant_id, framework_id, day, pass_count, fail_count, na_count,"
            + " error_count, pass_with_exceptions, fail_with_exceptions, asset_count, mean_score, pooled_score, mean_score_with_exceptions,"
            + " pooled_score_with_exceptions";

    private static DailyScore daily(ResultSet rs) throws SQLException {
        return new DailyScore(
                rs.getObject(1, UUID.class),
                rs.getString(2),
                rs.getDate(3).toLocalDate(),
                rs.getInt(4),
                rs.getInt(5),
                rs.getInt(6),
                rs.getInt(7),
                rs.getInt(8),
                rs.getInt(9),
                rs.getInt(10),
                number(rs, 11),
                number(rs, 12),
                number(rs, 13),
                number(rs, 14));
    }

    private static Double number(ResultSet rs, int column) throws SQLException {
        BigDecimal value = rs.getBigDecimal(column);
        return value == null ? null : value.doubleValue();
    }

    private static BigDecimal decimal(Double value) {
        return value == null ? null : BigDecimal.valueOf(value).setScale(2, java.math.RoundingMode.HALF_UP);
    }
}
