package io.tenantra.agents;

import io.tenantra.database.TenantTransactions;
import io.tenantra.platform.audit.AuditAction;
import io.tenantra.platform.audit.AuditEvents;
import io.tenantra.platform.context.TenantScope;
import io.tenantra.platform.web.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** An agent acknowledging a job it started: the lease then covers the whole run. */
@Service
class JobLifecycle {

    /** Added to the modules' time limits: start-up, upload and clock differences. */
    static final Duration RUN_MARGIN = Duration.ofSeconds(120);

    private final JobRepository jobs;
    private final TenantTransactions tx;
    private final AuditEvents audit;
    private final Clock clock;

    JobLifecycle(JobRepository jobs, TenantTransactions tx, AuditEvents audit, Clock clock) {
        this.jobs = jobs;
        this.tx = tx;
        this.audit = audit;
        this.clock = clock;
    }

    void running(AgentPrincipal agent, UUID jobId) {
        Instant now = clock.instant();
        tx.write(TenantScope.of(agent.tenantId()), () -> {
            var job = jobs.lockForAgent(agent.tenantId(), agent.agentId(), jobId)
                    .orElseThrow(() -> ApiException.notFound("The job"));
            if (!job.open()) {
                throw ApiException.conflict("The job is " + job.status() + ".");
            }
            if ("running".equals(job.status())) {
                return null; // a retried acknowledgement: already done
            }
            // A re-queued job (its lease lapsed) that the agent is in fact running is taken back.
            Instant lease = now.plusSeconds(
                            (long) job.moduleTimeoutSeconds() * job.modules().size())
                    .plus(RUN_MARGIN);
            jobs.markRunning(agent.tenantId(), jobId, now, lease);
            audit.changed(
                    agent.call(now),
                    AuditAction.SCAN_JOB_START,
                    "agent_job",
                    jobId,
                    Map.of("status", "running", "previousStatus", job.status()));
            return null;
        });
    }
}
