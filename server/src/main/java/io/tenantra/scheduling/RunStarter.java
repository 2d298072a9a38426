package io.tenantra.scheduling;

import io.tenantra.agents.AgentRegistry;
import io.tenantra.agents.AgentView;
import io.tenantra.agents.ScanBlackouts;
import io.tenantra.agents.ScanView;
import io.tenantra.agents.Scans;
import io.tenantra.platform.audit.AuditAction;
import io.tenantra.platform.audit.AuditEvents;
import io.tenantra.platform.context.CallContext;
import io.tenantra.platform.web.ApiException;
import io.tenantra.platform.web.Cursors;
import io.tenantra.platform.web.PageResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Starts a recorded run's scans and finishes the run when they end, inside the caller's tenant
 * transaction. Without a concurrency cap a run is one scan of the profile's selector. With a cap
 * of N the selected agents are listed once, in order, and dispatched N at a time: each wave is a
 * scan of those agents, and a further wave goes out as earlier agents finish (their result is
 * stored, or their scan ends), so at most N agents of the run scan at once.
 *
 * <p>Each scan is started in a savepoint: a refusal (no agent left outside the blackout windows,
 * the whole tenant blacked out) rolls back that scan alone and is recorded as the run's reason.
 */
@Component
class RunStarter {

    private static final Logger log = LoggerFactory.getLogger(RunStarter.class);
    // Agents listed per page when a capped run resolves its selector.
    private static final int PAGE = Cursors.MAX_LIMIT;

    private final Scans scans;
    private final AgentRegistry agents;
    private final RunRepository runs;
    private final Blackouts blackouts;
    private final Notifications notifications;
    private final ScheduleRepository schedules;
    private final AuditEvents audit;
    private final TransactionTemplate savepoint;

    RunStarter(
            Scans scans,
            AgentRegistry agents,
            RunRepository runs,
            Blackouts blackouts,
            Notifications notifications,
            ScheduleRepository schedules,
            AuditEvents audit,
            PlatformTransactionManager transactions) {
        this.scans = scans;
        this.agents = agents;
        this.runs = runs;
        this.blackouts = blackouts;
        this.notifications = notifications;
        this.schedules = schedules;
        this.audit = audit;
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /** Starts the run {@code runId} (already recorded as started) for {@code schedule}'s profile. */
    void start(
            CallContext call,
            ScheduleRepository.ScheduleRow schedule,
            ScanProfileRepository.ProfileRow profile,
            UUID runId) {
        AgentSelector selector = AgentSelector.fromMap(profile.selector());
        if (profile.concurrency() == null) {
            Started started = startScan(call, profile, selector.toScans());
            if (started.scan() == null) {
                runs.outcome(call.tenantId(), runId, "skipped", started.refusal(), null);
                return;
            }
            runs.addScan(call.tenantId(), runId, started.scan().id(), call.at());
            return;
        }
        List<UUID> selected = selectedAgents(call, selector);
        if (selected.isEmpty()) {
            runs.outcome(
                    call.tenantId(),
                    runId,
                    "skipped",
                    "no active agent matches the profile outside the blackout windows in force",
                    null);
            return;
        }
        runs.addAgents(call.tenantId(), runId, selected);
        dispatch(call, runId, profile);
    }

    /**
     * Sends the next wave of a capped run: as many pending agents as the cap leaves room for.
     * {@code profile} may be null when the schedule was deleted meanwhile: the wave then runs each
     * agent's configured modules with the server's scan timeout.
     */
    void dispatch(CallContext call, UUID runId, ScanProfileRepository.ProfileRow profile) {
        Integer cap = runs.concurrency(call.tenantId(), runId).orElse(null);
        while (cap != null) {
            long running = runs.agentsIn(call.tenantId(), runId, "dispatched");
            int room = (int) Math.max(0, cap - running);
            if (room == 0) {
                return;
            }
            List<UUID> wave = runs.pendingAgents(call.tenantId(), runId, room);
            if (wave.isEmpty()) {
                return;
            }
            Started started = startScan(call, profile, new Scans.Selector(null, wave, null, null));
            if (started.scan() != null) {
                runs.addScan(call.tenantId(), runId, started.scan().id(), call.at());
                runs.dispatched(call.tenantId(), runId, wave, started.scan().id());
                return;
            }
            // This wave could not start (its agents were revoked, or went into a blackout): they
            // are done for this run; try the next ones.
            log.info("run {}: a wave of {} agent(s) was not started: {}", runId, wave.size(), started.refusal());
            for (UUID agent : wave) {
                runs.done(call.tenantId(), runId, null, agent, "pending");
            }
        }
    }

    /** Completes the run once no scan of it is open and no agent waits; notifies the owner. */
    void completeIfDone(CallContext call, UUID runId) {
        var run = runs.find(call.tenantId(), runId, true).orElseThrow();
        if (!"started".equals(run.outcome())
                || runs.openScans(call.tenantId(), runId) > 0
                || runs.agentsIn(call.tenantId(), runId, "pending") > 0
                || runs.agentsIn(call.tenantId(), runId, "dispatched") > 0) {
            return;
        }
        Map<String, Object> counts = runs.summedCounts(call.tenantId(), runId);
        runs.complete(call.tenantId(), runId, call.at(), counts);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("runId", runId);
        details.put("counts", counts);
        audit.changed(call, AuditAction.SCHEDULE_RUN_COMPLETE, "schedule", run.scheduleId(), details);
        schedules
                .find(call.tenantId(), run.scheduleId(), false)
                .ifPresent(schedule -> notifications.runCompleted(
                        call,
                        schedule.ownerId(),
                        run,
                        counts,
                        run.scanIds().isEmpty() ? null : run.scanIds().get(0)));
    }

    private record Started(ScanView scan, String refusal) {}

    private Started startScan(CallContext call, ScanProfileRepository.ProfileRow profile, Scans.Selector selector) {
        Duration limit = profile == null || profile.timeLimitSeconds() == null
                ? null
                : Duration.ofSeconds(profile.timeLimitSeconds());
        List<String> modules = profile == null ? null : profile.modules();
        try {
            ScanView scan =
                    savepoint.execute(status -> scans.create(call, modules, selector, new Scans.Options(false, limit)));
            return new Started(scan, null);
        } catch (ApiException e) {
            String detail = e.errors().isEmpty()
                    ? e.getMessage()
                    : e.errors().get(0).field() + " " + e.errors().get(0).message();
            return new Started(null, "no scan started: " + detail);
        }
    }

    /** The active agents a selector names, in a stable order, less those a tag blackout covers now. */
    private List<UUID> selectedAgents(CallContext call, AgentSelector selector) {
        ScanBlackouts.Exclusion exclusion = blackouts.at(call.scope(), call.tenantId(), call.at());
        if (exclusion.wholeTenant()) {
            return List.of();
        }
        Set<UUID> wanted = selector.agentIds() == null ? null : new HashSet<>(selector.agentIds());
        List<UUID> selected = new ArrayList<>();
        String cursor = null;
        do {
            PageResponse<AgentView> page = agents.list(
                    call.scope(),
                    call.tenantId(),
                    null,
                    selector.os(),
                    selector.tags() == null ? Map.of() : selector.tags(),
                    null,
                    PAGE,
                    cursor);
            for (AgentView agent : page.items()) {
                if (!"revoked".equals(agent.status())
                        && (wanted == null || wanted.contains(agent.id()))
                        && exclusion.tags().stream()
                                .noneMatch(tag -> agent.tags().entrySet().containsAll(tag.entrySet()))) {
                    selected.add(agent.id());
                }
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        return selected;
    }
}
