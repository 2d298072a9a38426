package io.tenantra.agents;

import static io.tenantra.agents.EnrollmentTokenRepository.instant;
import static io.tenantra.agents.EnrollmentTokenRepository.ts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;

/** SQL for scans and the per-agent jobs they create; callers run inside a tenant transaction. */
@Repository
class ScanRepository {

    static final List<String> OPEN = List.of("queued", "dispatched", "running");
    private static final String COLUMNS =
            "id, modules, selector::text, job_count, created_at, created_by, deadline_at, cancelled_at";
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final AgentJson json;

    ScanRepository(JdbcClient jdbc, AgentJson json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    record ScanRow(
            UUID id,
            List<String> modules,
            Map<String, Object> selector,
            int jobCount,
            Instant createdAt,
            UUID createdBy,
            Instant deadlineAt,
            Instant cancelledAt) {}

    void insert(UUID tenantId, ScanRow scan) {
        jdbc.sql("INSERT INTO scan (id, tenant_id, modules, selector, job_count, created_at, created_by, deadline_at)"
                        + " VALUES (?, ?, ?::text[], ?::jsonb, 0, ?, ?, ?)")
                .params(
                        scan.id(),
                        tenantId,
                        arrayLiteral(scan.modules()),
                        json.write(scan.selector()),
                        ts(scan.createdAt()),
                        scan.createdBy(),
                        ts(scan.deadlineAt()))
                .update();
    }

    /**
     * Creates one queued job for every active agent of the tenant that {@code condition} selects
     * (an SQL fragment on alias {@code a} with {@code ?} placeholders for {@code conditionParams}),
     * in one statement; returns the agents that got one.
     */
    List<UUID> insertJobs(
            UUID tenantId, ScanRow scan, int maxAttempts, String condition, List<Object> conditionParams) {
        List<Object> params = new ArrayList<>(Arrays.asList(
                scan.id(),
                arrayLiteral(scan.modules()),
                maxAttempts,
                ts(scan.createdAt()),
                ts(scan.deadlineAt()),
                tenantId));
        params.addAll(conditionParams);
        List<UUID> agents = jdbc.sql("INSERT INTO agent_job (id, tenant_id, scan_id, agent_id, modules,"
                        + " module_timeout_seconds, status, attempt, max_attempts, queued_at, deadline_at)"
                        + " SELECT gen_random_uuid(), a.tenant_id, ?, a.id,"
                        + " COALESCE(?::text[], ARRAY(SELECT jsonb_array_elements_text(a.config -> 'modules'))),"
                        + " (a.config ->> 'moduleTimeoutSeconds')::int, 'queued', 0, ?, ?, ?"
                        + " FROM agent a WHERE a.tenant_id = ? AND a.revoked_at IS NULL" + condition
                        + " RETURNING agent_id")
                .params(params)
                .query(UUID.class)
                .list();
        jdbc.sql("UPDATE scan SET job_count = ? WHERE tenant_id = ? AND id = ?")
                .params(agents.size(), tenantId, scan.id())
                .update();
        return agents;
    }

    /** How many active agents of the tenant {@code condition} selects (as in {@link #insertJobs}). */
    long countAgents(UUID tenantId, String condition, List<Object> conditionParams) {
        List<Object> params = new ArrayList<>();
        params.add(tenantId);
        params.addAll(conditionParams);
        return jdbc.sql("SELECT count(*) FROM agent a WHERE a.tenant_id = ? AND a.revoked_at IS NULL" + condition)
                .params(params)
                .query(Long.class)
                .single();
    }

    Optional<ScanRow> find(UUID tenantId, UUID id, boolean forUpdate) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM scan WHERE tenant_id = ? AND id = ?"
                        + (forUpdate ? " FOR UPDATE" : ""))
                .params(tenantId, id)
                .query(this::map)
                .optional();
    }

    /** Locks the scans (in id order, as given) until the transaction ends; see {@link ScanCompletion}. */
    List<ScanRow> lock(UUID tenantId, List<UUID> orderedIds) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM scan WHERE tenant_id = ? AND id = ANY(?::uuid[])"
                        + " ORDER BY id FOR UPDATE")
                .params(tenantId, orderedIds.stream().map(UUID::toString).toArray(String[]::new))
                .query(this::map)
                .list();
    }

    /** A scan with the tenant it belongs to, for lists that cover several tenants. */
    record TenantScanRow(UUID tenantId, ScanRow scan) {}

    /** The scans of {@code tenantIds}, newest first, keyset-paged by (created_at, id). */
    List<TenantScanRow> list(Collection<UUID> tenantIds, Instant afterCreated, UUID afterId, int limit) {
        String where = afterId == null ? "" : " AND (created_at, id) < (?, ?)";
        var statement = jdbc.sql("SELECT " + COLUMNS + ", tenant_id FROM scan WHERE tenant_id = ANY(?::uuid[])" + where
                        + " ORDER BY created_at DESC, id DESC LIMIT ?")
                .param(uuids(tenantIds));
        if (afterId != null) {
            statement = statement.param(ts(afterCreated)).param(afterId);
        }
        return statement
                .param(limit)
                .query((rs, i) -> new TenantScanRow(rs.getObject(9, UUID.class), map(rs, i)))
                .list();
    }

    /** Jobs per status and the last finish time, for each of {@code scanIds}. */
    Map<UUID, Counts> counts(UUID tenantId, List<UUID> scanIds) {
        return counts(List.of(tenantId), scanIds);
    }

    /** As {@link #counts(UUID, List)}, for scans of any of {@code tenantIds}. */
    Map<UUID, Counts> counts(Collection<UUID> tenantIds, List<UUID> scanIds) {
        Map<UUID, Counts> counts = new HashMap<>();
        if (scanIds.isEmpty()) {
            return counts;
        }
        jdbc.sql("SELECT scan_id, status, count(*), max(finished_at) FROM agent_job"
                        + " WHERE tenant_id = ANY(?::uuid[]) AND scan_id = ANY(?::uuid[]) GROUP BY scan_id, status")
                .params(uuids(tenantIds), scanIds.stream().map(UUID::toString).toArray(String[]::new))
                .query(rs -> {
                    Counts c = counts.computeIfAbsent(rs.getObject(1, UUID.class), id -> new Counts());
                    c.byStatus.put(rs.getString(2), rs.getInt(3));
                    Instant finished = instant(rs, 4);
                    if (finished != null && (c.lastFinished == null || finished.isAfter(c.lastFinished))) {
                        c.lastFinished = finished;
                    }
                });
        return counts;
    }

    static final class Counts {
        final Map<String, Integer> byStatus = new HashMap<>();
        Instant lastFinished;
    }

    /**
     * Cancels the scan's unfinished jobs; returns how many. Called before {@link #markCancelled}:
     * job rows are locked before the scan row, the order every job-ending transaction keeps.
     */
    int cancelJobs(UUID tenantId, UUID scanId, Instant at) {
        return jdbc.sql("UPDATE agent_job SET status = 'cancelled', finished_at = ?, lease_until = NULL"
                        + " WHERE tenant_id = ? AND scan_id = ? AND status IN ('queued', 'dispatched', 'running')")
                .params(ts(at), tenantId, scanId)
                .update();
    }

    void markCancelled(UUID tenantId, UUID scanId, Instant at, UUID actor) {
        jdbc.sql("UPDATE scan SET cancelled_at = ?, cancelled_by = ? WHERE tenant_id = ? AND id = ?")
                .params(ts(at), actor, tenantId, scanId)
                .update();
    }

    record JobRow(
            UUID id,
            UUID agentId,
            String agentName,
            String hostname,
            String status,
            int attempt,
            List<String> modules,
            Instant queuedAt,
            Instant dispatchedAt,
            Instant startedAt,
            Instant finishedAt,
            List<String> log) {}

    /** The scan's jobs by agent name, after (name, job id) of the previous page. */
    List<JobRow> jobs(UUID tenantId, UUID scanId, String afterName, UUID afterId, int limit) {
        List<Object> params = new ArrayList<>(List.of(tenantId, scanId));
        String after = "";
        if (afterId != null) {
            after = " AND (a.name, j.id) > (?, ?)";
            params.add(afterName);
            params.add(afterId);
        }
        params.add(limit);
        return jdbc.sql("SELECT j.id, j.agent_id, a.name, a.hostname, j.status, j.attempt, j.modules, j.queued_at,"
                        + " j.dispatched_at, j.started_at, j.finished_at, j.execution_log::text"
                        + " FROM agent_job j JOIN agent a ON a.tenant_id = j.tenant_id AND a.id = j.agent_id"
                        + " WHERE j.tenant_id = ? AND j.scan_id = ?" + after + " ORDER BY a.name, j.id LIMIT ?")
                .params(params)
                .query((rs, i) -> new JobRow(
                        rs.getObject(1, UUID.class),
                        rs.getObject(2, UUID.class),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getInt(6),
                        strings(rs, 7),
                        instant(rs, 8),
                        instant(rs, 9),
                        instant(rs, 10),
                        instant(rs, 11),
                        json.mapper().readValue(rs.getString(12), STRINGS)))
                .list();
    }

    private ScanRow map(ResultSet rs, int row) throws SQLException {
        return new ScanRow(
                rs.getObject(1, UUID.class),
                rs.getArray(2) == null ? null : strings(rs, 2),
                json.mapper().readValue(rs.getString(3), OBJECT),
                rs.getInt(4),
                instant(rs, 5),
                rs.getObject(6, UUID.class),
                instant(rs, 7),
                instant(rs, 8));
    }

    private static String[] uuids(Collection<UUID> ids) {
        return ids.stream().map(UUID::toString).toArray(String[]::new);
    }

    static List<String> strings(ResultSet rs, int column) throws SQLException {
        java.sql.Array array = rs.getArray(column);
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    /** A text[] literal for module names (validated identifiers: no quoting needed), or null. */
    static String arrayLiteral(List<String> values) {
        return values == null ? null : "{" + String.join(",", values) + "}";
    }
}
