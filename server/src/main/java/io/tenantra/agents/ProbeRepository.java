package io.tenantra.agents;

import io.tenantra.model.ProbeOutcome;
import io.tenantra.model.ProbeResult;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for the latest probe answers; callers run inside a tenant transaction. */
@Repository
class ProbeRepository {

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;

    ProbeRepository(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    /**
     * Keeps each answer as the agent's latest for its probe. A row observed later than this upload
     * is left alone, so an upload that arrives late never hides a newer answer.
     */
    void upsert(UUID tenantId, UUID agentId, UUID scanId, UUID jobId, Instant observedAt, List<ProbeResult> answers) {
        if (answers.isEmpty()) {
            return;
        }
        Timestamp at = Timestamp.from(observedAt);
        List<Object[]> args = new ArrayList<>(answers.size());
        for (ProbeResult answer : answers) {
            args.add(new Object[] {
                tenantId,
                agentId,
                answer.id(),
                answer.outcome().name().toLowerCase(Locale.ROOT),
                answer.evidence(),
                answer.message(),
                scanId,
                jobId,
                at
            });
        }
        batch.batchUpdate(
                "INSERT INTO probe_result (tenant_id, agent_id, probe_id, outcome, evidence, message, scan_id, job_id,"
                        + " observed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (tenant_id, agent_id, probe_id) DO UPDATE SET outcome = EXCLUDED.outcome,"
                        + " evidence = EXCLUDED.evidence, message = EXCLUDED.message, scan_id = EXCLUDED.scan_id,"
                        + " job_id = EXCLUDED.job_id, observed_at = EXCLUDED.observed_at"
                        + " WHERE probe_result.observed_at <= EXCLUDED.observed_at",
                args);
    }

    /** The latest answer of every probe on each of {@code agentIds}, by agent then probe id. */
    Map<UUID, Map<String, StoredProbeAnswer>> latest(UUID tenantId, Collection<UUID> agentIds) {
        Map<UUID, Map<String, StoredProbeAnswer>> byAgent = new HashMap<>();
        if (agentIds.isEmpty()) {
            return byAgent;
        }
        jdbc.sql("SELECT agent_id, probe_id, outcome, evidence, message, scan_id, job_id, observed_at"
                        + " FROM probe_result WHERE tenant_id = ? AND agent_id = ANY(?::uuid[])")
                .params(tenantId, agentIds.stream().map(UUID::toString).toArray(String[]::new))
                .query(rs -> {
                    StoredProbeAnswer answer = answer(rs);
                    byAgent.computeIfAbsent(rs.getObject(1, UUID.class), id -> new HashMap<>())
                            .put(answer.probeId(), answer);
                });
        return byAgent;
    }

    private static StoredProbeAnswer answer(ResultSet rs) throws SQLException {
        return new StoredProbeAnswer(
                rs.getString(2),
                ProbeOutcome.valueOf(rs.getString(3).toUpperCase(Locale.ROOT)),
                rs.getString(4),
                rs.getString(5),
                rs.getObject(6, UUID.class),
                rs.getObject(7, UUID.class),
                rs.getTimestamp(8).toInstant());
    }
}
