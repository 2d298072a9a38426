package io.tenantra.agents;

import io.tenantra.database.TenantTransactions;
import io.tenantra.platform.audit.AuditAction;
import io.tenantra.platform.audit.AuditEvents;
import io.tenantra.platform.context.CallContext;
import io.tenantra.platform.context.TenantScope;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The retry and timeout policy, run on a schedule by every node: a dispatched or running job
 * whose lease lapsed (its agent or its node went away) goes back to the queue until it has been
 * dispatched {@code maxAttempts} times, then times out; anything unfinished past the scan's
 * deadline times out. Nothing here ever touches a finished job, so a job whose result was
 * accepted is never run again. A timeout that ends a scan's last open job publishes
 * {@link ScanFinished}.
 */
@Component
class JobSweeper {

    private static final int BATCH = 1000;
    /** The system actor that requeues or times out jobs whose lease ran out. */
    static final String JOB = "job-sweeper";

    private final JdbcClient jdbc;
    private final JobRepository jobs;
    private final JobFeed feed;
    private final ScanCompletion completion;
    private final TenantTransactions tx;
    private final AuditEvents audit;
    private final Clock clock;

    JobSweeper(
            JdbcClient jdbc,
            JobRepository jobs,
            JobFeed feed,
            ScanCompletion completion,
            TenantTransactions tx,
            AuditEvents audit,
            Clock clock) {
        this.jdbc = jdbc;
        this.jobs = jobs;
        this.feed = feed;
        this.completion = completion;
        this.tx = tx;
        this.audit = audit;
        this.clock = clock;
    }

    @Scheduled(
            initialDelayString = "${tenantra.agents.job-sweep-interval:10s}",
            fixedDelayString = "${tenantra.agents.job-sweep-interval:10s}")
    void sweep() {
        Instant now = clock.instant();
        Map<UUID, List<UUID>> byTenant = new LinkedHashMap<>();
        jdbc.sql("SELECT id, tenant_id FROM agent_jobs_lapsed(?, ?)")
                .params(Timestamp.from(now), BATCH)
                .query(rs -> {
                    byTenant.computeIfAbsent(rs.getObject(2, UUID.class), t -> new ArrayList<>())
                            .add(rs.getObject(1, UUID.class));
                });
        byTenant.forEach((tenantId, jobIds) -> sweep(tenantId, jobIds, now));
    }

    List<JobRepository.Lapsed> sweep(UUID tenantId, List<UUID> jobIds, Instant now) {
        return tx.write(TenantScope.of(tenantId), () -> {
            List<JobRepository.Lapsed> swept = jobs.sweep(tenantId, jobIds, now);
            List<UUID> requeued = new ArrayList<>();
            Set<UUID> endedScans = new HashSet<>();
            for (JobRepository.Lapsed job : swept) {
                boolean again = "queued".equals(job.status());
                if (again) {
                    requeued.add(job.agentId());
                } else {
                    endedScans.add(job.scanId());
                }
                audit.changed(
                        CallContext.system(JOB, TenantScope.of(tenantId), tenantId, now),
                        again ? AuditAction.SCAN_JOB_REQUEUE : AuditAction.SCAN_JOB_TIMEOUT,
                        "agent_job",
                        job.id(),
                        Map.of("status", job.status(), "attempt", job.attempt()));
            }
            // Timed-out jobs may have been their scans' last open ones (job locks first, scans last).
            completion.jobsEnded(tenantId, endedScans);
            if (!requeued.isEmpty()) {
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        feed.signal(requeued);
                    }
                });
            }
            return swept;
        });
    }
}
