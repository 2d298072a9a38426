package io.tenantra.agents;

import static io.tenantra.agents.EnrollmentTokenRepository.instant;
import static io.tenantra.agents.EnrollmentTokenRepository.ts;

import io.tenantra.model.Job;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The job queue's SQL; callers run inside a tenant transaction. */
@Repository
class JobRepository {

    private final JdbcClient jdbc;

    JobRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Leases up to {@code limit} of the agent's queued jobs to it. SKIP LOCKED lets concurrent
     * polls (two nodes, a retried request) each take different jobs instead of waiting.
     */
    List<Job> dispatch(UUID tenantId, UUID agentId, Instant now, Instant leaseUntil, int limit) {
        return jdbc.sql("UPDATE agent_job j SET status = 'dispatched', attempt = j.attempt + 1, dispatched_at = ?,"
                        + " lease_until = LEAST(?, j.deadline_at)"
                        + " WHERE j.tenant_id = ? AND j.id IN (SELECT q.id FROM agent_job q"
                        + " WHERE q.tenant_id = ? AND q.agent_id = ? AND q.status = 'queued' AND q.deadline_at > ?"
                        + " ORDER BY q.queued_at LIMIT ? FOR UPDATE SKIP LOCKED)"
                        + " RETURNING j.id, j.scan_id, j.modules, j.deadline_at, j.attempt, j.module_timeout_seconds")
                .params(ts(now), ts(leaseUntil), tenantId, tenantId, agentId, ts(now), limit)
                .query((rs, i) -> new Job(
                        rs.getObject(1, UUID.class),
                        rs.getObject(2, UUID.class),
                        ScanRepository.strings(rs, 3),
                        instant(rs, 4),
                        rs.getInt(5),
                        rs.getInt(6)))
                .list();
    }

    record JobState(
            UUID id,
            UUID scanId,
            UUID agentId,
            String status,
            List<String> modules,
            int moduleTimeoutSeconds,
            Instant deadlineAt,
            String resultDigest) {

        boolean open() {
            return ScanRepository.OPEN.contains(status);
        }
    }

    /** The job if it belongs to this agent of this tenant, locked until the transaction ends. */
    Optional<JobState> lockForAgent(UUID tenantId, UUID agentId, UUID jobId) {
        return jdbc.sql(
                        "SELECT id, scan_id, agent_id, status, modules, module_timeout_seconds, deadline_at, result_digest"
                                + " FROM agent_job WHERE tenant_id = ? AND id = ? AND agent_id = ? FOR UPDATE")
                .params(tenantId, jobId, agentId)
                .query((rs, i) -> new JobState(
                        rs.getObject(1, UUID.class),
                        rs.getObject(2, UUID.class),
                        rs.getObject(3, UUID.class),
                        rs.getString(4),
                        ScanRepository.strings(rs, 5),
                        rs.getInt(6),
                        instant(rs, 7),
                        rs.getString(8)))
                .optional();
    }

    void markRunning(UUID tenantId, UUID jobId, Instant now, Instant leaseUntil) {
        jdbc.sql("UPDATE agent_job SET status = 'running', started_at = COALESCE(started_at, ?),"
                        + " lease_until = LEAST(?, deadline_at) WHERE tenant_id = ? AND id = ?")
                .params(ts(now), ts(leaseUntil), tenantId, jobId)
                .update();
    }

    void finish(UUID tenantId, UUID jobId, String status, Instant now, String digest, String logJson) {
        jdbc.sql("UPDATE agent_job SET status = ?, finished_at = ?, lease_until = NULL, result_digest = ?,"
                        + " execution_log = ?::jsonb WHERE tenant_id = ? AND id = ?")
                .params(status, ts(now), digest, logJson, tenantId, jobId)
                .update();
    }

    record Lapsed(UUID id, UUID scanId, UUID agentId, String status, int attempt) {}

    /**
     * Puts lapsed jobs of one tenant back in the queue, or times them out when they are past
     * their deadline or out of attempts. Re-checks the condition under lock, so a result that
     * arrived meanwhile wins and two sweeping nodes do not both act.
     */
    List<Lapsed> sweep(UUID tenantId, List<UUID> jobIds, Instant now) {
        return jdbc.sql("UPDATE agent_job SET"
                        + " status = CASE WHEN deadline_at < ?::timestamptz OR attempt >= max_attempts THEN 'timed_out'"
                        + " ELSE 'queued' END,"
                        + " queued_at = CASE WHEN deadline_at < ?::timestamptz OR attempt >= max_attempts THEN queued_at"
                        + " ELSE ?::timestamptz END,"
                        + " finished_at = CASE WHEN deadline_at < ?::timestamptz OR attempt >= max_attempts"
                        + " THEN ?::timestamptz ELSE NULL END,"
                        + " lease_until = NULL"
                        + " WHERE tenant_id = ? AND id = ANY(?::uuid[])"
                        + " AND ((status IN ('dispatched', 'running') AND lease_until < ?::timestamptz)"
                        + " OR (status IN ('queued', 'dispatched', 'running') AND deadline_at < ?::timestamptz))"
                        + " RETURNING id, scan_id, agent_id, status, attempt")
                .params(
                        ts(now),
                        ts(now),
                        ts(now),
                        ts(now),
                        ts(now),
                        tenantId,
                        jobIds.stream().map(UUID::toString).toArray(String[]::new),
                        ts(now),
                        ts(now))
                .query((rs, i) -> new Lapsed(
                        rs.getObject(1, UUID.class),
                        rs.getObject(2, UUID.class),
                        rs.getObject(3, UUID.class),
                        rs.getString(4),
                        rs.getInt(5)))
                .list();
    }
}
