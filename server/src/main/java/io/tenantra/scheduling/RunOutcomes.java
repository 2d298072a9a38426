package io.tenantra.scheduling;

import io.tenantra.agents.ScanFinished;
import io.tenantra.agents.ScanJobResultStored;
import io.tenantra.agents.ScanView;
import io.tenantra.database.TenantTransactions;
import io.tenantra.platform.context.CallContext;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Follows the scans scheduled runs started. A stored job result frees a slot of a capped run (the
 * next wave goes out); a finished scan records its job counts, frees its agents' slots, and
 * completes the run once nothing of it is open. Both are idempotent: a redelivered event finds
 * its agent or scan already done and changes nothing. Scans no schedule started are ignored.
 */
@Component
class RunOutcomes {

    private final RunRepository runs;
    private final RunStarter starter;
    private final ScheduleRepository schedules;
    private final ScanProfileRepository profiles;
    private final TenantTransactions tx;
    private final Clock clock;

    RunOutcomes(
            RunRepository runs,
            RunStarter starter,
            ScheduleRepository schedules,
            ScanProfileRepository profiles,
            TenantTransactions tx,
            Clock clock) {
        this.runs = runs;
        this.starter = starter;
        this.schedules = schedules;
        this.profiles = profiles;
        this.tx = tx;
        this.clock = clock;
    }

    @ApplicationModuleListener
    void on(ScanJobResultStored stored) {
        CallContext call = CallContext.system(ScheduleRunner.JOB, stored.tenantId(), clock);
        tx.write(call.scope(), () -> {
            UUID runId = runs.runOfScan(call.tenantId(), stored.scanId()).orElse(null);
            if (runId == null) {
                return null;
            }
            var run = runs.find(call.tenantId(), runId, true).orElseThrow();
            if (runs.done(call.tenantId(), runId, stored.scanId(), stored.agentId(), "dispatched") == 1) {
                starter.dispatch(call, runId, profileOf(call, run.scheduleId()));
            }
            return null;
        });
    }

    @ApplicationModuleListener
    void on(ScanFinished finished) {
        CallContext call = CallContext.system(ScheduleRunner.JOB, finished.tenantId(), clock);
        tx.write(call.scope(), () -> {
            UUID runId = runs.runOfScan(call.tenantId(), finished.scanId()).orElse(null);
            if (runId == null) {
                return null;
            }
            var run = runs.find(call.tenantId(), runId, true).orElseThrow();
            if (!runs.scanFinished(
                    call.tenantId(), runId, finished.scanId(), finished.finishedAt(), counts(finished.progress()))) {
                return null;
            }
            runs.done(call.tenantId(), runId, finished.scanId(), null, "dispatched");
            starter.dispatch(call, runId, profileOf(call, run.scheduleId()));
            starter.completeIfDone(call, runId);
            return null;
        });
    }

    private ScanProfileRepository.ProfileRow profileOf(CallContext call, UUID scheduleId) {
        return schedules
                .find(call.tenantId(), scheduleId, false)
                .flatMap(s -> profiles.find(call.tenantId(), s.profileId()))
                .orElse(null);
    }

    static Map<String, Object> counts(ScanView.Progress progress) {
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("total", progress.total());
        counts.put("succeeded", progress.succeeded());
        counts.put("failed", progress.failed());
        counts.put("timedOut", progress.timedOut());
        counts.put("cancelled", progress.cancelled());
        return counts;
    }
}
