package io.tenantra.agents;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.database.TenantTransactions;
import io.tenantra.platform.context.TenantScope;
import io.tenantra.support.AuditRecorder;
import io.tenantra.support.Fixtures;
import io.tenantra.support.Http;
import io.tenantra.support.ServerTest;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A server restart mid-scan, simulated the way it looks from the database: the lease of a job
 * dispatched by the dead node lapses. The sweeper re-queues it, an agent gets it again, its
 * result is accepted once, and nothing ever re-runs a job whose result was accepted.
 */
@ServerTest
class JobRecoveryTest {

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fx;

    @Autowired
    AuditRecorder audit;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TenantTransactions tx;

    @Autowired
    JobSweeper sweeper;

    Http http;
    AgentWorld world;
    TestAgent agent;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        world = new AgentWorld(http, fx);
        agent = world.agent();
    }

    private UUID dispatchedJob() {
        http.postJson(
                world.base() + "/scans",
                world.adminToken,
                Map.of("modules", List.of("system"), "selector", Map.of("agentIds", List.of(agent.id.toString()))));
        return UUID.fromString(agent.poll(0).json().get("jobs").get(0).get("id").asString());
    }

    private void set(UUID jobId, String assignments) {
        tx.write(
                TenantScope.of(world.tenantId),
                () -> jdbc.sql("UPDATE agent_job SET " + assignments + " WHERE tenant_id = ? AND id = ?")
                        .params(world.tenantId, jobId)
                        .update());
    }

    private String status(UUID jobId) {
        return tx.read(
                TenantScope.of(world.tenantId),
                () -> jdbc.sql("SELECT status FROM agent_job WHERE tenant_id = ? AND id = ?")
                        .params(world.tenantId, jobId)
                        .query(String.class)
                        .single());
    }

    private void sweep(UUID jobId) {
        sweeper.sweep(world.tenantId, List.of(jobId), Instant.now());
    }

    @Test
    void aJobWhoseLeaseLapsedIsDispatchedAgainAndCompletesExactlyOnce() {
        UUID jobId = dispatchedJob();
        set(jobId, "lease_until = now() - interval '1 second'");
        sweep(jobId);
        assertThat(status(jobId)).isEqualTo("queued");
        assertThat(audit.find("scan.job.requeue", jobId)).hasSize(1);

        JsonNode again = agent.poll(0).json().get("jobs").get(0);
        assertThat(again.get("id").asString()).isEqualTo(jobId.toString());
        assertThat(again.get("attempt").asInt()).isEqualTo(2);

        byte[] result = TestAgent.result(jobId, List.of("system"), "ok", 2);
        assertThat(agent.upload(jobId, result, true).status()).isEqualTo(200);
        // Even a lapsed-looking lease on a finished job is left alone.
        set(jobId, "lease_until = now() - interval '1 second'");
        sweep(jobId);
        sweeper.sweep();
        assertThat(status(jobId)).isEqualTo("succeeded");
        assertThat(agent.poll(0).json().get("jobs")).isEmpty();
        assertThat(agent.upload(jobId, result, true).json().get("duplicate").asBoolean())
                .isTrue();
        assertThat(audit.find("scan.job.result", jobId)).hasSize(1);
    }

    @Test
    void aResultFromTheFirstAttemptStillCountsAfterTheJobWasRequeued() {
        UUID jobId = dispatchedJob();
        set(jobId, "lease_until = now() - interval '1 second'");
        sweep(jobId);
        // The agent was only slow, not gone: its result arrives while the job waits in the queue.
        assertThat(agent.upload(jobId, TestAgent.result(jobId, List.of("system"), "ok", 1), false)
                        .status())
                .isEqualTo(200);
        assertThat(status(jobId)).isEqualTo("succeeded");
        assertThat(agent.poll(0).json().get("jobs"))
                .as("not dispatched a second time")
                .isEmpty();
    }

    @Test
    void aJobOutOfAttemptsOrPastItsDeadlineTimesOut() {
        UUID exhausted = dispatchedJob();
        set(exhausted, "attempt = max_attempts, lease_until = now() - interval '1 second'");
        sweep(exhausted);
        assertThat(status(exhausted)).isEqualTo("timed_out");
        assertThat(audit.find("scan.job.timeout", exhausted)).hasSize(1);
        Http.Response late = agent.upload(exhausted, TestAgent.result(exhausted, List.of("system"), "ok", 1), false);
        assertThat(late.status()).isEqualTo(409);

        UUID pastDeadline = dispatchedJob();
        set(pastDeadline, "deadline_at = now() - interval '1 second'");
        sweep(pastDeadline);
        assertThat(status(pastDeadline)).isEqualTo("timed_out");
    }

    @Test
    void acknowledgingAJobExtendsItsLeaseBeyondTheDispatchLease() {
        UUID jobId = dispatchedJob();
        Instant dispatchLease = lease(jobId);
        assertThat(agent.running(jobId).status()).isEqualTo(204);
        assertThat(agent.running(jobId).status())
                .as("a retried acknowledgement is fine")
                .isEqualTo(204);
        assertThat(lease(jobId)).isAfter(dispatchLease);
        assertThat(audit.find("scan.job.start", jobId)).hasSize(1);
    }

    private Instant lease(UUID jobId) {
        return tx.read(
                        TenantScope.of(world.tenantId),
                        () -> jdbc.sql("SELECT lease_until FROM agent_job WHERE tenant_id = ? AND id = ?")
                                .params(world.tenantId, jobId)
                                .query(Timestamp.class)
                                .single())
                .toInstant();
    }
}
