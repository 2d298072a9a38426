package io.tenantra.scheduling;

import io.tenantra.database.TenantTransactions;
import io.tenantra.platform.audit.AuditAction;
import io.tenantra.platform.audit.AuditEvents;
import io.tenantra.platform.context.CallContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * What happens when a schedule's task fires: decides what its due time becomes and returns when
 * the task should fire next (empty: remove the task, the schedule is gone or paused).
 *
 * <p>Everything is decided from the schedule's row, locked for the transaction, and written back
 * in that same transaction with the run row and the scans it starts: a task that fires twice for
 * one due time (a revived execution after a crash, an early wake-up after an edit) finds the due
 * time already handled, and {@code (schedule_id, due_at)} is unique besides.
 *
 * <ul>
 *   <li>Late by more than the misfire grace, or with further due times already past: no server
 *       ran when it was due. One run for all of them, due at the latest ({@code catch_up}), or one
 *       skipped run saying how many were missed, per the schedule's catch-up policy; never one
 *       run per missed due time.
 *   <li>A whole-tenant blackout window in force: a deferred run started when the window (and any
 *       it runs into) ends, due times inside it folded into that run; or a skipped run, per the
 *       schedule's blackout policy.
 *   <li>Otherwise: a run started now.
 * </ul>
 */
@Component
class ScheduleRunner {

    static final String JOB = "scheduled-scans";
    // A task may fire this much before the due time and still count: the clocks of two servers
    // (and the database's microsecond rounding of a stored time) differ a little.
    private static final Duration EARLY_TOLERANCE = Duration.ofSeconds(1);
    // A missed stretch longer than this many due times is reported with its count only.
    private static final int MAX_MISSED = 100_000;

    private final ScheduleRepository schedules;
    private final ScanProfileRepository profiles;
    private final RunRepository runs;
    private final RunStarter starter;
    private final Blackouts blackouts;
    private final TenantTransactions tx;
    private final AuditEvents audit;
    private final SchedulingProperties properties;
    private final Clock clock;

    ScheduleRunner(
            ScheduleRepository schedules,
            ScanProfileRepository profiles,
            RunRepository runs,
            RunStarter starter,
            Blackouts blackouts,
            TenantTransactions tx,
            AuditEvents audit,
            SchedulingProperties properties,
            Clock clock) {
        this.schedules = schedules;
        this.profiles = profiles;
        this.runs = runs;
        this.starter = starter;
        this.blackouts = blackouts;
        this.tx = tx;
        this.audit = audit;
        this.properties = properties;
        this.clock = clock;
    }

    /** Handles the schedule's due time if it has come; returns when to fire next. */
    Optional<Instant> fire(UUID tenantId, UUID scheduleId) {
        CallContext call = CallContext.system(JOB, tenantId, clock);
        Instant now = call.at();
        return tx.write(call.scope(), () -> {
            var found = schedules.find(tenantId, scheduleId, true);
            if (found.isEmpty() || !found.get().enabled()) {
                return Optional.<Instant>empty();
            }
            var schedule = found.get();
            var profile = profiles.find(tenantId, schedule.profileId()).orElseThrow();
            CronSchedule cron = CronSchedule.parse(schedule.cron(), schedule.zone(), "cron", "zone")
                    .schedule();
            Duration jitter = Jitter.offset(schedule.id(), profile.jitterSeconds());
            if (schedule.deferredRunId() != null) {
                return Optional.of(resumeDeferred(call, schedule, profile, cron, jitter));
            }
            Instant due = schedule.nextRunAt();
            if (due == null) {
                due = cron.nextAfter(now).orElse(null);
                if (due == null) {
                    return Optional.<Instant>empty();
                }
            }
            if (due.plus(jitter).isAfter(now.plus(EARLY_TOLERANCE))) {
                // Woke early (the schedule changed since the task was set): wait for the due time.
                schedules.advance(tenantId, scheduleId, due, null, null, null);
                return Optional.of(due.plus(jitter));
            }
            return Optional.of(handleDue(call, schedule, profile, cron, jitter, due));
        });
    }

    private Instant handleDue(
            CallContext call,
            ScheduleRepository.ScheduleRow schedule,
            ScanProfileRepository.ProfileRow profile,
            CronSchedule cron,
            Duration jitter,
            Instant due) {
        Instant now = call.at();
        List<Instant> missedSince = cron.between(due, now, MAX_MISSED);
        boolean late = Duration.between(due.plus(jitter), now).compareTo(properties.misfireGrace()) > 0;
        boolean catchUp = late || !missedSince.isEmpty();
        Instant runDue = missedSince.isEmpty() ? due : missedSince.get(missedSince.size() - 1);
        Instant next = cron.nextAfter(now).orElse(null);
        UUID runId = UUID.randomUUID();
        String trigger = catchUp ? "catch_up" : "cron";
        String missedNote = catchUp
                ? (missedSince.size() + 1) + " due time(s) from " + due + " to " + runDue
                        + " passed while no server ran"
                : "";
        if (catchUp && "skip".equals(schedule.catchUp())) {
            record(
                    call,
                    schedule,
                    profile,
                    runId,
                    runDue,
                    trigger,
                    "skipped",
                    missedNote + "; catch-up policy is skip");
            schedules.advance(call.tenantId(), schedule.id(), next, null, null, null);
            return taskTime(next, jitter);
        }
        Optional<Blackouts.Active> window = blackouts.tenantWindowAt(call.scope(), call.tenantId(), now);
        if (window.isPresent()) {
            String why = "inside blackout window '" + window.get().name() + "' until "
                    + window.get().until();
            String prefix = catchUp ? missedNote + "; " : "";
            if ("skip".equals(schedule.blackout())) {
                record(
                        call,
                        schedule,
                        profile,
                        runId,
                        runDue,
                        trigger,
                        "skipped",
                        prefix + why + "; blackout policy is skip");
                schedules.advance(call.tenantId(), schedule.id(), next, null, null, null);
                return taskTime(next, jitter);
            }
            record(call, schedule, profile, runId, runDue, trigger, "deferred", prefix + why + "; deferred to its end");
            schedules.advance(
                    call.tenantId(),
                    schedule.id(),
                    next,
                    null,
                    runId,
                    window.get().until());
            return window.get().until();
        }
        if (record(call, schedule, profile, runId, runDue, trigger, "started", missedNote)) {
            starter.start(call, schedule, profile, runId);
        }
        schedules.advance(call.tenantId(), schedule.id(), next, now, null, null);
        return taskTime(next, jitter);
    }

    private Instant resumeDeferred(
            CallContext call,
            ScheduleRepository.ScheduleRow schedule,
            ScanProfileRepository.ProfileRow profile,
            CronSchedule cron,
            Duration jitter) {
        Instant now = call.at();
        if (schedule.deferredUntil().isAfter(now)) {
            return schedule.deferredUntil();
        }
        Optional<Blackouts.Active> window = blackouts.tenantWindowAt(call.scope(), call.tenantId(), now);
        if (window.isPresent()) {
            // Another window began where the last one ended (or was added meanwhile): wait for it too.
            schedules.advance(
                    call.tenantId(),
                    schedule.id(),
                    schedule.nextRunAt(),
                    null,
                    schedule.deferredRunId(),
                    window.get().until());
            return window.get().until();
        }
        var run = runs.find(call.tenantId(), schedule.deferredRunId(), true).orElseThrow();
        // Due times inside the window are folded into the deferred run: the next one is after now.
        Instant next = cron.nextAfter(now).orElse(null);
        if ("deferred".equals(run.outcome())) {
            String reason = run.reason() + "; started at " + now + " when the blackout ended";
            runs.outcome(call.tenantId(), run.id(), "started", reason, now);
            audit.changed(
                    call,
                    AuditAction.SCHEDULE_RUN,
                    "schedule",
                    schedule.id(),
                    details(run.id(), run.dueAt(), run.trigger(), "started", reason));
            starter.start(call, schedule, profile, run.id());
        }
        schedules.advance(call.tenantId(), schedule.id(), next, now, null, null);
        return taskTime(next, jitter);
    }

    /** Records the run (false when the due time already has one) with its audit record. */
    private boolean record(
            CallContext call,
            ScheduleRepository.ScheduleRow schedule,
            ScanProfileRepository.ProfileRow profile,
            UUID runId,
            Instant due,
            String trigger,
            String outcome,
            String reason) {
        RunView run = new RunView(
                runId,
                schedule.id(),
                schedule.name(),
                due,
                trigger,
                outcome,
                reason,
                call.at(),
                "started".equals(outcome) ? call.at() : null,
                null,
                null,
                List.of());
        boolean recorded = runs.insert(call.tenantId(), run, profile.concurrency());
        if (recorded) {
            audit.changed(
                    call,
                    AuditAction.SCHEDULE_RUN,
                    "schedule",
                    schedule.id(),
                    details(runId, due, trigger, outcome, reason));
        }
        return recorded;
    }

    private static Map<String, Object> details(UUID runId, Instant due, String trigger, String outcome, String reason) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("runId", runId);
        details.put("dueAt", due);
        details.put("trigger", trigger);
        details.put("outcome", outcome);
        if (!reason.isEmpty()) {
            details.put("reason", reason);
        }
        return details;
    }

    /** When the task fires for {@code next}: its due time plus the schedule's jitter; never again if none. */
    private static Instant taskTime(Instant next, Duration jitter) {
        // A cron that never matches again (a past year) leaves the task idle for a long time.
        return next == null ? Instant.parse("9999-01-01T00:00:00Z") : next.plus(jitter);
    }
}
