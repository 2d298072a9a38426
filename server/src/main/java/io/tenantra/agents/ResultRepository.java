package io.tenantra.agents;

import static io.tenantra.agents.EnrollmentTokenRepository.instant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;

/** SQL for stored module results; callers run inside a tenant transaction. */
@Repository
class ResultRepository {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final AgentJson json;

    ResultRepository(JdbcClient jdbc, JdbcTemplate batch, AgentJson json) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.json = json;
    }

    /** One module's result, already serialised, ready to insert. */
    record Row(
            String module,
            String moduleVersion,
            String status,
            int itemCount,
            int riskCount,
            String items,
            String risks,
            String messages,
            String execution,
            byte[] facts) {}

    void insert(UUID tenantId, UUID jobId, UUID scanId, UUID agentId, Instant collectedAt, List<Row> rows) {
        Timestamp at = Timestamp.from(collectedAt);
        List<Object[]> args = new ArrayList<>(rows.size());
        for (Row r : rows) {
            args.add(new Object[] {
                tenantId,
                jobId,
                r.module(),
                scanId,
                agentId,
                r.moduleVersion(),
                r.status(),
                r.itemCount(),
                r.riskCount(),
                r.items(),
                r.risks(),
                r.messages(),
                r.execution(),
                at,
                new SqlParameterValue(Types.BINARY, r.facts())
            });
        }
        batch.batchUpdate(
                "INSERT INTO module_result (tenant_id, job_id, module, scan_id, agent_id, module_version, status,"
                        + " item_count, risk_count, items, risks, messages, execution, collected_at, facts)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?::jsonb, ?, ?)",
                args);
    }

    Map<UUID, List<ScanView.ModuleOutcome>> outcomes(UUID tenantId, List<UUID> jobIds) {
        Map<UUID, List<ScanView.ModuleOutcome>> byJob = new HashMap<>();
        if (jobIds.isEmpty()) {
            return byJob;
        }
        jdbc.sql("SELECT job_id, module, module_version, status, item_count, risk_count,"
                        + " (execution ->> 'durationMillis')::bigint, (execution ->> 'timedOut')::boolean, messages::text"
                        + " FROM module_result WHERE tenant_id = ? AND job_id = ANY(?::uuid[]) ORDER BY module")
                .params(tenantId, jobIds.stream().map(UUID::toString).toArray(String[]::new))
                .query(rs -> {
                    byJob.computeIfAbsent(rs.getObject(1, UUID.class), id -> new ArrayList<>())
                            .add(outcome(rs, 2));
                });
        return byJob;
    }

    /** The newest result of each module on one agent. */
    public record LatestResult(UUID scanId, UUID jobId, Instant collectedAt, ScanView.ModuleOutcome outcome) {}

    List<LatestResult> latestForAgent(UUID tenantId, UUID agentId) {
        return jdbc.sql("SELECT DISTINCT ON (module) scan_id, job_id, collected_at, module, module_version, status,"
                        + " item_count, risk_count, (execution ->> 'durationMillis')::bigint,"
                        + " (execution ->> 'timedOut')::boolean, messages::text"
                        + " FROM module_result WHERE tenant_id = ? AND agent_id = ? ORDER BY module, collected_at DESC")
                .params(tenantId, agentId)
                .query((rs, i) -> new LatestResult(
                        rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), instant(rs, 3), outcome(rs, 4)))
                .list();
    }

    /** Streams the scan's items, one row per item (or per module without items), to {@code handler}. */
    void exportRows(UUID tenantId, UUID scanId, RowCallbackHandler handler) {
        batch.query(
                connection -> {
                    var statement = connection.prepareStatement("SELECT a.id, a.name, a.hostname, r.module, r.status,"
                            + " item ->> 'type', item ->> 'key', (item -> 'attributes')::text, r.collected_at"
                            + " FROM module_result r JOIN agent a ON a.tenant_id = r.tenant_id AND a.id = r.agent_id"
                            + " LEFT JOIN LATERAL jsonb_array_elements(r.items) AS item ON true"
                            + " WHERE r.tenant_id = ? AND r.scan_id = ? ORDER BY a.name, a.id, r.module");
                    statement.setObject(1, tenantId);
                    statement.setObject(2, scanId);
                    statement.setFetchSize(1000); // streams inside the transaction instead of loading all rows
                    return statement;
                },
                handler);
    }

    /** Columns from {@code first}: module, version, status, items, risks, duration, timed out, messages. */
    private ScanView.ModuleOutcome outcome(ResultSet rs, int first) throws SQLException {
        long duration = rs.getLong(first + 5);
        Long durationMillis = rs.wasNull() ? null : duration;
        boolean timedOut = rs.getBoolean(first + 6);
        Boolean timedOutValue = rs.wasNull() ? null : timedOut;
        return new ScanView.ModuleOutcome(
                rs.getString(first),
                rs.getString(first + 1),
                rs.getString(first + 2),
                rs.getInt(first + 3),
                rs.getInt(first + 4),
                durationMillis,
                timedOutValue,
                json.mapper().readValue(rs.getString(first + 7), STRINGS));
    }
}
