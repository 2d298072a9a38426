package io.tenantra.agents;

import io.tenantra.database.TenantTransactions;
import io.tenantra.model.Job;
import io.tenantra.model.JobBatch;
import io.tenantra.platform.audit.AuditAction;
import io.tenantra.platform.audit.AuditEvents;
import io.tenantra.platform.context.TenantScope;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.TaskExecutor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * Hands queued jobs to long-polling agents without querying the database for idle polls.
 *
 * <p>Per agent, this node remembers "known idle": the last query found no job for it. A poll from
 * a known-idle agent is parked ({@link DeferredResult}, no thread held) without a query. The mark
 * is cleared, and a parked poll woken, when jobs are queued for the agent: at once for jobs
 * queued on this node (after their transaction commits), and within {@link #REFRESH_OVERLAP} for
 * jobs queued on other nodes (one query per node every few seconds). The mark is set before the
 * query that finds nothing, so a signal arriving during that query is never lost: it clears the
 * mark again and the next poll queries.
 */
@Component
class JobFeed {

    private static final Logger log = LoggerFactory.getLogger(JobFeed.class);
    static final Duration REFRESH_OVERLAP = Duration.ofSeconds(5);
    static final int MAX_JOBS_PER_POLL = 5;
    private static final JobBatch EMPTY = new JobBatch(List.of());

    private final Set<UUID> idle = ConcurrentHashMap.newKeySet();
    private final Map<UUID, Waiter> waiters = new ConcurrentHashMap<>();
    private final JobRepository jobs;
    private final TenantTransactions tx;
    private final AuditEvents audit;
    private final AgentsProperties properties;
    private final JdbcClient jdbc;
    private final ProbeDispatch probes;
    private final TaskExecutor executor;
    private final Clock clock;
    private volatile Instant refreshedAt;

    JobFeed(
            JobRepository jobs,
            TenantTransactions tx,
            AuditEvents audit,
            AgentsProperties properties,
            JdbcClient jdbc,
            ProbeDispatch probes,
            @Qualifier("applicationTaskExecutor") TaskExecutor executor,
            Clock clock) {
        this.jobs = jobs;
        this.tx = tx;
        this.audit = audit;
        this.properties = properties;
        this.jdbc = jdbc;
        this.probes = probes;
        this.executor = executor;
        this.clock = clock;
        this.refreshedAt = clock.instant();
    }

    private record Waiter(AgentPrincipal agent, DeferredResult<JobBatch> result) {}

    /** Jobs for the agent now, or a result completed later (by a signal) or empty at the timeout. */
    DeferredResult<JobBatch> poll(AgentPrincipal agent, int waitSeconds) {
        DeferredResult<JobBatch> result = new DeferredResult<>(Math.max(1, waitSeconds) * 1000L, EMPTY);
        List<Job> now = tryDispatch(agent);
        if (!now.isEmpty() || waitSeconds == 0) {
            result.setResult(new JobBatch(now));
            return result;
        }
        Waiter waiter = new Waiter(agent, result);
        Waiter previous = waiters.put(agent.agentId(), waiter);
        if (previous != null) {
            previous.result().setResult(EMPTY); // the agent gave up on that one and asked again
        }
        result.onCompletion(() -> waiters.remove(agent.agentId(), waiter));
        if (!idle.contains(agent.agentId())) {
            wake(agent.agentId()); // a signal slipped in between the query and parking
        }
        return result;
    }

    /** Jobs were queued for these agents and committed: clear their idle marks, wake their polls. */
    void signal(Collection<UUID> agentIds) {
        agentIds.forEach(this::wake);
    }

    private void wake(UUID agentId) {
        idle.remove(agentId);
        Waiter waiter = waiters.remove(agentId);
        if (waiter == null) {
            return;
        }
        executor.execute(() -> {
            try {
                List<Job> found = tryDispatch(waiter.agent());
                if (!found.isEmpty()) {
                    if (!waiter.result().setResult(new JobBatch(found))) {
                        // The poll ended meanwhile (timeout, disconnect): the lease will lapse and
                        // the sweeper re-queues them; the agent's next poll gets them then.
                        log.debug("Dispatched {} job(s) to a poll that had already ended", found.size());
                    }
                } else if (!waiter.result().isSetOrExpired()) {
                    waiters.putIfAbsent(agentId, waiter);
                }
            } catch (RuntimeException e) {
                log.warn("Could not dispatch jobs to agent {}: {}", agentId, e.toString());
                waiter.result().setResult(EMPTY);
            }
        });
    }

    private List<Job> tryDispatch(AgentPrincipal agent) {
        UUID agentId = agent.agentId();
        if (idle.contains(agentId)) {
            return List.of();
        }
        idle.add(agentId); // set before the query: a signal during it clears the mark again
        Instant now = clock.instant();
        List<Job> found = tx.write(TenantScope.of(agent.tenantId()), () -> {
            List<Job> leased = jobs.dispatch(
                    agent.tenantId(), agentId, now, now.plus(properties.dispatchLease()), MAX_JOBS_PER_POLL);
            for (Job job : leased) {
                audit.changed(
                        agent.call(now),
                        AuditAction.SCAN_JOB_DISPATCH,
                        "agent_job",
                        job.id(),
                        Map.of(
                                "status",
                                "dispatched",
                                "attempt",
                                job.attempt(),
                                "scanId",
                                job.scanId().toString()));
            }
            return leased;
        });
        if (!found.isEmpty()) {
            idle.remove(agentId); // there may be more than one poll's worth
        }
        // Outside the lease transaction: the probe sources open their own reads.
        return probes.attach(agent.call(now), agentId, found);
    }

    /** Picks up jobs queued by other nodes for agents this node believes idle or has parked. */
    @Scheduled(fixedDelayString = "${tenantra.agents.job-refresh-interval:2s}")
    void refresh() {
        if (idle.isEmpty() && waiters.isEmpty()) {
            refreshedAt = clock.instant();
            return;
        }
        Instant started = clock.instant();
        jdbc.sql("SELECT agent_id FROM agent_jobs_queued_since(?)")
                .param(Timestamp.from(refreshedAt.minus(REFRESH_OVERLAP)))
                .query(rs -> {
                    UUID agentId = rs.getObject(1, UUID.class);
                    if (idle.contains(agentId) || waiters.containsKey(agentId)) {
                        wake(agentId);
                    }
                });
        refreshedAt = started;
    }

    int parked() {
        return waiters.size();
    }
}
