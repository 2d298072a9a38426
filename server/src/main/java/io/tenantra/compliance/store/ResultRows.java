package io.tenantra.compliance.store;

import io.tenantra.compliance.evaluation.CheckResult;
import io.tenantra.compliance.evaluation.Evidence;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * SQL for the current verdicts (one row per asset, policy and check) and the assets they belong
 * to. Callers run inside a tenant transaction. Writes are batched: a re-evaluation writes a few
 * hundred rows per asset for thousands of assets.
 */
@Repository
public class ResultRows {

    private static final TypeReference<List<Evidence>> EVIDENCE = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final JsonMapper json;

    ResultRows(JdbcClient jdbc, JdbcTemplate batch, JsonMapper json) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.json = json;
    }

    /** One asset as compliance last saw it. */
    public record AssetRow(
            UUID agentId,
            String name,
            String hostname,
            String osFamily,
            Map<String, String> tags,
            UUID lastJobId,
            UUID lastScanId,
            Instant evaluatedAt) {}

    /** One check's verdict about to be stored, with what the content says about the check. */
    public record NewResult(
            String policyId, String policyVersion, String title, String severity, CheckResult result, UUID scanId) {}

    public void upsertAssets(UUID tenantId, List<AssetRow> assets) {
        List<Object[]> args = new ArrayList<>(assets.size());
        for (AssetRow a : assets) {
            args.add(new Object[] {
                tenantId,
                a.agentId(),
                a.name(),
                a.hostname(),
                a.osFamily(),
                json.writeValueAsString(a.tags()),
                a.lastJobId(),
                a.lastScanId(),
                Timestamp.from(a.evaluatedAt())
            });
        }
        batch.batchUpdate(
                "INSERT INTO compliance_asset (tenant_id, agent_id, name, hostname, os_family, tags, last_job_id,"
                        + " last_scan_id, evaluated_at) VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)"
                        + " ON CONFLICT (tenant_id, agent_id) DO UPDATE SET name = excluded.name,"
                        + " hostname = excluded.hostname, os_family = excluded.os_family, tags = excluded.tags,"
                        + " last_job_id = coalesce(excluded.last_job_id, compliance_asset.last_job_id),"
                        + " last_scan_id = coalesce(excluded.last_scan_id, compliance_asset.last_scan_id),"
                        + " evaluated_at = excluded.evaluated_at",
                args);
    }

    /** The job last evaluated for an asset, if compliance has seen it. */
    public java.util.Optional<UUID> lastJob(UUID tenantId, UUID agentId) {
        return jdbc.sql("SELECT last_job_id FROM compliance_asset WHERE tenant_id = ? AND agent_id = ?")
                .params(tenantId, agentId)
                .query((rs, i) -> java.util.Optional.ofNullable(rs.getObject(1, UUID.class)))
                .optional()
                .flatMap(o -> o);
    }

    /**
     * Replaces the verdicts of the assets in {@code results} with {@code results}, writing only
     * what changed: a verdict whose digest equals the stored one is left alone (a re-evaluation
     * after a content change rewrites the few verdicts it changed, not every verdict of the fleet);
     * rows of checks no longer evaluated (a policy disabled, a check removed) go; a FAIL keeps the
     * moment it first failed.
     *
     * @return how many rows were written or deleted
     */
    public int replace(UUID tenantId, Instant at, Map<UUID, List<NewResult>> results) {
        if (results.isEmpty()) {
            return 0;
        }
        Map<StoredKey, Long> stored = digests(tenantId, results.keySet());
        Timestamp now = Timestamp.from(at);
        List<Object[]> writes = new ArrayList<>();
        for (Map.Entry<UUID, List<NewResult>> asset : results.entrySet()) {
            for (NewResult r : asset.getValue()) {
                long digest = VerdictDigest.of(r);
                Long before = stored.remove(
                        new StoredKey(asset.getKey(), r.policyId(), r.result().checkId()));
                if (before != null && before == digest) {
                    continue;
                }
                String evidence = json.writeValueAsString(r.result().evidence());
                args(writes, tenantId, asset.getKey(), r, evidence, digest, now);
            }
        }
        if (!writes.isEmpty()) {
            batch.batchUpdate(UPSERT, writes);
        }
        // What is left was stored before but not judged now: checks no longer evaluated here.
        List<Object[]> deletes = new ArrayList<>(stored.size());
        stored.keySet().forEach(k -> deletes.add(new Object[] {tenantId, k.agentId(), k.policyId(), k.checkId()}));
        if (!deletes.isEmpty()) {
            batch.batchUpdate(
                    "DELETE FROM compliance_result WHERE tenant_id = ? AND agent_id = ? AND policy_id = ?"
                            + " AND check_id = ?",
                    deletes);
        }
        return writes.size() + deletes.size();
    }

    private record StoredKey(UUID agentId, String policyId, String checkId) {}

    private Map<StoredKey, Long> digests(UUID tenantId, Collection<UUID> agentIds) {
        Map<StoredKey, Long> digests = new java.util.HashMap<>();
        jdbc.sql("SELECT agent_id, policy_id, check_id, digest FROM compliance_result WHERE tenant_id = ?"
                        + " AND agent_id = ANY(?::uuid[])")
                .params(tenantId, agentIds.stream().map(UUID::toString).toArray(String[]::new))
                .query(rs -> {
                    digests.put(
                            new StoredKey(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3)),
                            rs.getLong(4));
                });
        return digests;
    }

    private static void args(
            List<Object[]> writes,
            UUID tenantId,
            UUID agentId,
            NewResult r,
            String evidence,
            long digest,
            Timestamp now) {
        CheckResult result = r.result();
        boolean failing = result.verdict() == io.tenantra.compliance.evaluation.Verdict.FAIL;
        writes.add(new Object[] {
            tenantId,
            agentId,
            r.policyId(),
            result.checkId(),
            result.checkVersion(),
            r.policyVersion(),
            r.title(),
            r.severity(),
            result.verdict().name(),
            result.reason(),
            evidence,
            r.scanId(),
            now,
            failing ? now : null,
            digest
        });
    }

    private static final String UPSERT = "INSERT INTO compliance_result AS r (tenant_id, agent_id, policy_id,"
            + " check_id, check_version, policy_version, title, severity, verdict, reason, evidence, scan_id,"
            + " changed_at, first_failed_at, digest) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?)"
            + " ON CONFLICT (tenant_id, agent_id, policy_id, check_id) DO UPDATE SET"
            + " check_version = excluded.check_version, policy_version = excluded.policy_version,"
            + " title = excluded.title, severity = excluded.severity, verdict = excluded.verdict,"
            + " reason = excluded.reason, evidence = excluded.evidence, scan_id = excluded.scan_id,"
            + " changed_at = excluded.changed_at, digest = excluded.digest,"
            // A check failing since before keeps the moment it first failed.
            + " first_failed_at = CASE WHEN excluded.verdict = 'FAIL' AND r.verdict = 'FAIL'"
            + " THEN coalesce(r.first_failed_at, r.changed_at) ELSE excluded.first_failed_at END";

    /** When one verdict last changed (was last written). */
    public Instant changedAt(UUID tenantId, UUID agentId, String policyId, String checkId) {
        return jdbc.sql("SELECT changed_at FROM compliance_result WHERE tenant_id = ? AND agent_id = ?"
                        + " AND policy_id = ? AND check_id = ?")
                .params(tenantId, agentId, policyId, checkId)
                .query((rs, i) -> rs.getTimestamp(1).toInstant())
                .single();
    }

    /** The verdicts of one asset, as stored. */
    public List<StoredResult> ofAsset(UUID tenantId, UUID agentId) {
        return jdbc.sql(SELECT + " WHERE r.tenant_id = ? AND r.agent_id = ? ORDER BY r.policy_id, r.check_id")
                .params(tenantId, agentId)
                .query((rs, i) -> row(rs))
                .list();
    }

    /** The verdicts of many assets, for scoring them after a content change. */
    public List<StoredResult> ofAssets(UUID tenantId, Collection<UUID> agentIds) {
        return jdbc.sql(SELECT + " WHERE r.tenant_id = ? AND r.agent_id = ANY(?::uuid[])")
                .params(tenantId, agentIds.stream().map(UUID::toString).toArray(String[]::new))
                .query((rs, i) -> row(rs))
                .list();
    }

    /** A page of verdicts matching {@code query}: {@code limit} rows after skipping {@code offset}. */
    public List<StoredResult> list(UUID tenantId, ResultQuery query, int offset, int limit) {
        List<Object> params = new ArrayList<>();
        params.add(tenantId);
        String sql = SELECT + " WHERE r.tenant_id = ?" + query.where(params) + query.orderBy() + " OFFSET ? LIMIT ?";
        params.add(offset);
        params.add(limit);
        return jdbc.sql(sql)
                .params(params)
                .query((rs, i) -> row(rs).withoutEvidence())
                .list();
    }

    /** How many verdicts match {@code query}, for counts on the dashboard. */
    public long count(UUID tenantId, ResultQuery query) {
        List<Object> params = new ArrayList<>();
        params.add(tenantId);
        String sql = "SELECT count(*) FROM compliance_result r JOIN compliance_asset a ON a.tenant_id = r.tenant_id"
                + " AND a.agent_id = r.agent_id WHERE r.tenant_id = ?" + query.where(params);
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }

    /** Like {@link #list} but with every verdict's evidence, for exports that carry it. */
    public List<StoredResult> listWithEvidence(UUID tenantId, ResultQuery query, int offset, int limit) {
        List<Object> params = new ArrayList<>();
        params.add(tenantId);
        String sql = SELECT + " WHERE r.tenant_id = ?" + query.where(params) + query.orderBy() + " OFFSET ? LIMIT ?";
        params.add(offset);
        params.add(limit);
        return jdbc.sql(sql).params(params).query((rs, i) -> row(rs)).list();
    }

    /**
     * Per control, how many assets have it passing, failing, not applicable or in error: as in
     * scoring, a control fails on an asset when any of its checks fails there, else passes when
     * any passes, else errors when any errors, else it is not applicable. {@code mapping} pairs check ids with
     * control ids (a check may support several controls).
     */
    public Map<String, ControlCounts> controlCounts(UUID tenantId, List<Map.Entry<String, String>> mapping) {
        Map<String, ControlCounts> counts = new java.util.HashMap<>();
        if (mapping.isEmpty()) {
            return counts;
        }
        jdbc.sql("SELECT control_id, status, count(*) FROM (SELECT r.agent_id, m.control_id,"
                        + " max(CASE r.verdict WHEN 'FAIL' THEN 4 WHEN 'PASS' THEN 3 WHEN 'ERROR' THEN 2 ELSE 1 END)"
                        + " AS status FROM compliance_result r"
                        + " JOIN unnest(?::text[], ?::text[]) AS m(check_id, control_id) ON m.check_id = r.check_id"
                        + " WHERE r.tenant_id = ? AND r.verdict <> 'UNSUPPORTED'"
                        + " GROUP BY r.agent_id, m.control_id) s GROUP BY control_id, status")
                .params(
                        mapping.stream().map(Map.Entry::getKey).toArray(String[]::new),
                        mapping.stream().map(Map.Entry::getValue).toArray(String[]::new),
                        tenantId)
                .query(rs -> {
                    ControlCounts c = counts.computeIfAbsent(rs.getString(1), k -> new ControlCounts());
                    int n = rs.getInt(3);
                    switch (rs.getInt(2)) {
                        case 4 -> c.fail += n;
                        case 3 -> c.pass += n;
                        case 2 -> c.error += n;
                        default -> c.notApplicable += n;
                    }
                });
        return counts;
    }

    /** Assets counted per status of one control. */
    public static final class ControlCounts {
        public int pass;
        public int fail;
        public int notApplicable;
        public int error;
    }

    /** Assets where any of {@code checkIds} fails, with the failing checks, by asset name. */
    public List<StoredResult> failing(UUID tenantId, java.util.Set<String> checkIds, int offset, int limit) {
        return jdbc.sql(SELECT + " WHERE r.tenant_id = ? AND r.verdict = 'FAIL' AND r.check_id = ANY(?::text[])"
                        + " ORDER BY a.name, r.agent_id, r.check_id OFFSET ? LIMIT ?")
                .params(tenantId, checkIds.toArray(String[]::new), offset, limit)
                .query((rs, i) -> row(rs).withoutEvidence())
                .list();
    }

    /** The assets compliance has evaluated, by name. */
    public List<AssetRow> assets(UUID tenantId, int offset, int limit) {
        return jdbc.sql("SELECT agent_id, name, hostname, os_family, tags::text, last_job_id, last_scan_id,"
                        + " evaluated_at FROM compliance_asset WHERE tenant_id = ? ORDER BY name, agent_id"
                        + " OFFSET ? LIMIT ?")
                .params(tenantId, offset, limit)
                .query((rs, i) -> assetRow(rs))
                .list();
    }

    public java.util.Optional<AssetRow> asset(UUID tenantId, UUID agentId) {
        return jdbc.sql("SELECT agent_id, name, hostname, os_family, tags::text, last_job_id, last_scan_id,"
                        + " evaluated_at FROM compliance_asset WHERE tenant_id = ? AND agent_id = ?")
                .params(tenantId, agentId)
                .query((rs, i) -> assetRow(rs))
                .optional();
    }

    private AssetRow assetRow(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new AssetRow(
                rs.getObject(1, UUID.class),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                json.readValue(rs.getString(5), TAGS),
                rs.getObject(6, UUID.class),
                rs.getObject(7, UUID.class),
                rs.getTimestamp(8).toInstant());
    }

    private static final TypeReference<java.util.TreeMap<String, String>> TAGS = new TypeReference<>() {};

    /** One verdict with its evidence. */
    public java.util.Optional<StoredResult> find(UUID tenantId, UUID agentId, String checkId) {
        return jdbc.sql(SELECT + " WHERE r.tenant_id = ? AND r.agent_id = ? AND r.check_id = ?"
                        + " ORDER BY r.policy_id LIMIT 1")
                .params(tenantId, agentId, checkId)
                .query((rs, i) -> row(rs))
                .optional();
    }

    static final String COLUMNS = "r.agent_id, a.name, a.hostname, r.policy_id, r.policy_version, r.check_id,"
            + " r.check_version, r.title, r.severity, r.verdict, r.reason, r.scan_id, a.evaluated_at,"
            + " r.first_failed_at, r.evidence::text";
    static final String SELECT = "SELECT " + COLUMNS + " FROM compliance_result r JOIN compliance_asset a"
            + " ON a.tenant_id = r.tenant_id AND a.agent_id = r.agent_id";

    StoredResult row(java.sql.ResultSet rs) throws java.sql.SQLException {
        Timestamp firstFailed = rs.getTimestamp(14);
        String evidence = rs.getString(15);
        return new StoredResult(
                rs.getObject(1, UUID.class),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getInt(7),
                rs.getString(8),
                rs.getString(9),
                io.tenantra.compliance.evaluation.Verdict.valueOf(rs.getString(10)),
                rs.getString(11),
                rs.getObject(12, UUID.class),
                rs.getTimestamp(13).toInstant(),
                firstFailed == null ? null : firstFailed.toInstant(),
                evidence == null ? List.of() : json.readValue(evidence, EVIDENCE));
    }
}
