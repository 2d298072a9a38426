package io.tenantra.scheduling;

import static io.tenantra.scheduling.Rows.instant;
import static io.tenantra.scheduling.Rows.ts;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for a schedule's runs, the scans they started and the agents a capped run still has to scan. */
@Repository
class RunRepository {

    private static final String COLUMNS = "r.id, r.schedule_id, r.schedule_name, r.due_at, r.trigger, r.outcome,"
            + " r.reason, r.recorded_at, r.started_at, r.finished_at, r.counts::text AS counts,"
            + " ARRAY(SELECT rs.scan_id FROM schedule_run_scan rs WHERE rs.run_id = r.id ORDER BY rs.started_at,"
            + " rs.scan_id) AS scan_ids";

    private final JdbcClient jdbc;
    private final Rows rows;

    RunRepository(JdbcClient jdbc, Rows rows) {
        this.jdbc = jdbc;
        this.rows = rows;
    }

    /**
     * Records a handled due time; false when this schedule already has a run for {@code dueAt},
     * which is what makes a due time start at most one run whatever the scheduler does.
     */
    boolean insert(UUID tenantId, RunView run, Integer concurrency) {
        return jdbc.sql("INSERT INTO schedule_run (id, tenant_id, schedule_id, schedule_name, due_at, trigger, outcome,"
                                + " reason, recorded_at, started_at, concurrency) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                                + " ON CONFLICT (schedule_id, due_at) DO NOTHING")
                        .params(
                                run.id(),
                                tenantId,
                                run.scheduleId(),
                                run.scheduleName(),
                                ts(run.dueAt()),
                                run.trigger(),
                                run.outcome(),
                                run.reason(),
                                ts(run.recordedAt()),
                                ts(run.startedAt()),
                                concurrency)
                        .update()
                == 1;
    }

    void outcome(UUID tenantId, UUID runId, String outcome, String reason, Instant startedAt) {
        jdbc.sql("UPDATE schedule_run SET outcome = ?, reason = ?, started_at = COALESCE(?, started_at)"
                        + " WHERE tenant_id = ? AND id = ?")
                .params(outcome, reason, ts(startedAt), tenantId, runId)
                .update();
    }

    void complete(UUID tenantId, UUID runId, Instant at, Map<String, Object> counts) {
        jdbc.sql("UPDATE schedule_run SET outcome = 'completed', finished_at = ?, counts = ?::jsonb"
                        + " WHERE tenant_id = ? AND id = ?")
                .params(ts(at), rows.json(counts), tenantId, runId)
                .update();
    }

    Optional<RunView> find(UUID tenantId, UUID runId, boolean forUpdate) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM schedule_run r WHERE r.tenant_id = ? AND r.id = ?"
                        + (forUpdate ? " FOR UPDATE OF r" : ""))
                .params(tenantId, runId)
                .query(this::map)
                .optional();
    }

    Optional<Integer> concurrency(UUID tenantId, UUID runId) {
        return jdbc.sql("SELECT concurrency FROM schedule_run WHERE tenant_id = ? AND id = ?")
                .params(tenantId, runId)
                .query((rs, i) -> (Integer) rs.getObject(1))
                .optional();
    }

    /** Newest due time first; {@code after} is the previous page's last (dueAt, id). */
    List<RunView> history(UUID tenantId, UUID scheduleId, Instant afterDue, UUID afterId, int limit) {
        StringBuilder sql = new StringBuilder(
                "SELECT " + COLUMNS + " FROM schedule_run r WHERE r.tenant_id = ? AND r.schedule_id = ?");
        List<Object> params = new ArrayList<>(List.of(tenantId, scheduleId));
        if (afterId != null) {
            sql.append(" AND (r.due_at, r.id) < (?, ?)");
            params.add(ts(afterDue));
            params.add(afterId);
        }
        sql.append(" ORDER BY r.due_at DESC, r.id DESC LIMIT ?");
        params.add(limit);
        return jdbc.sql(sql.toString()).params(params).query(this::map).list();
    }

    void addScan(UUID tenantId, UUID runId, UUID scanId, Instant at) {
        jdbc.sql("INSERT INTO schedule_run_scan (tenant_id, run_id, scan_id, started_at) VALUES (?, ?, ?, ?)")
                .params(tenantId, runId, scanId, ts(at))
                .update();
    }

    /** The run that started {@code scanId}, if a schedule did. */
    Optional<UUID> runOfScan(UUID tenantId, UUID scanId) {
        return jdbc.sql("SELECT run_id FROM schedule_run_scan WHERE tenant_id = ? AND scan_id = ?")
                .params(tenantId, scanId)
                .query(UUID.class)
                .optional();
    }

    /** Marks a scan of a run finished with its job counts; false when it already was (a redelivery). */
    boolean scanFinished(UUID tenantId, UUID runId, UUID scanId, Instant at, Map<String, Object> counts) {
        return jdbc.sql("UPDATE schedule_run_scan SET finished_at = ?, counts = ?::jsonb WHERE tenant_id = ?"
                                + " AND run_id = ? AND scan_id = ? AND finished_at IS NULL")
                        .params(ts(at), rows.json(counts), tenantId, runId, scanId)
                        .update()
                == 1;
    }

    long openScans(UUID tenantId, UUID runId) {
        return jdbc.sql(
                        "SELECT count(*) FROM schedule_run_scan WHERE tenant_id = ? AND run_id = ? AND finished_at IS NULL")
                .params(tenantId, runId)
                .query(Long.class)
                .single();
    }

    /** The job counts of every finished scan of the run, summed per key. */
    Map<String, Object> summedCounts(UUID tenantId, UUID runId) {
        return jdbc.sql(
                        "SELECT COALESCE(jsonb_object_agg(key, total), '{}')::text FROM (SELECT e.key, sum(e.value::bigint)"
                                + " AS total FROM schedule_run_scan rs, jsonb_each_text(rs.counts) e WHERE rs.tenant_id = ?"
                                + " AND rs.run_id = ? AND rs.counts IS NOT NULL GROUP BY e.key) sums")
                .params(tenantId, runId)
                .query((rs, i) -> rows.object(rs.getString(1)))
                .single();
    }

    void addAgents(UUID tenantId, UUID runId, List<UUID> agents) {
        jdbc.sql("INSERT INTO schedule_run_agent (tenant_id, run_id, agent_id, position, state)"
                        + " SELECT ?, ?, a.id, a.pos, 'pending' FROM unnest(?::uuid[]) WITH ORDINALITY AS a(id, pos)")
                .params(tenantId, runId, agents.stream().map(UUID::toString).toArray(String[]::new))
                .update();
    }

    List<UUID> pendingAgents(UUID tenantId, UUID runId, int limit) {
        return jdbc.sql(
                        "SELECT agent_id FROM schedule_run_agent WHERE tenant_id = ? AND run_id = ? AND state = 'pending'"
                                + " ORDER BY position LIMIT ?")
                .params(tenantId, runId, limit)
                .query(UUID.class)
                .list();
    }

    long agentsIn(UUID tenantId, UUID runId, String state) {
        return jdbc.sql("SELECT count(*) FROM schedule_run_agent WHERE tenant_id = ? AND run_id = ? AND state = ?")
                .params(tenantId, runId, state)
                .query(Long.class)
                .single();
    }

    void dispatched(UUID tenantId, UUID runId, List<UUID> agents, UUID scanId) {
        jdbc.sql("UPDATE schedule_run_agent SET state = 'dispatched', scan_id = ? WHERE tenant_id = ? AND run_id = ?"
                        + " AND agent_id = ANY(?::uuid[])")
                .params(
                        scanId,
                        tenantId,
                        runId,
                        agents.stream().map(UUID::toString).toArray(String[]::new))
                .update();
    }

    /** Marks agents done: those given (null: every one dispatched with {@code scanId}, or all pending ones if both null). */
    int done(UUID tenantId, UUID runId, UUID scanId, UUID agentId, String fromState) {
        StringBuilder sql = new StringBuilder(
                "UPDATE schedule_run_agent SET state = 'done' WHERE tenant_id = ? AND run_id = ? AND state = ?");
        List<Object> params = new ArrayList<>(List.of(tenantId, runId, fromState));
        if (scanId != null) {
            sql.append(" AND scan_id = ?");
            params.add(scanId);
        }
        if (agentId != null) {
            sql.append(" AND agent_id = ?");
            params.add(agentId);
        }
        return jdbc.sql(sql.toString()).params(params).update();
    }

    private RunView map(ResultSet rs, int row) throws SQLException {
        Array scans = rs.getArray("scan_ids");
        List<UUID> scanIds = scans == null ? List.of() : Arrays.asList((UUID[]) scans.getArray());
        return new RunView(
                rs.getObject("id", UUID.class),
                rs.getObject("schedule_id", UUID.class),
                rs.getString("schedule_name"),
                instant(rs, "due_at"),
                rs.getString("trigger"),
                rs.getString("outcome"),
                rs.getString("reason"),
                instant(rs, "recorded_at"),
                instant(rs, "started_at"),
                instant(rs, "finished_at"),
                rows.object(rs.getString("counts")),
                scanIds);
    }
}
