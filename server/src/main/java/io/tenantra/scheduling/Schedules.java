package io.tenantra.scheduling;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import io.tenantra.database.TenantTransactions;
import io.tenantra.platform.audit.AuditAction;
import io.tenantra.platform.audit.AuditEvents;
import io.tenantra.platform.context.CallContext;
import io.tenantra.platform.web.ApiException;
import io.tenantra.platform.web.Cursors;
import io.tenantra.platform.web.PageResponse;
import io.tenantra.tenancy.TenantDirectory;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Service;

/**
 * Schedules: create (not on the FREE plan), replace, pause, resume, delete, run now, read, list,
 * history, and the cron preview shown before saving. Each change is one transaction with its
 * audit record and the matching change to the schedule's db-scheduler task. Callers pass a call
 * whose scope was checked for {@code SCAN_WRITE} (changes) or {@code SCAN_READ} (reads).
 */
@Service
public class Schedules {

    static final int MAX_NAME = 100;

    private final ScheduleRepository schedules;
    private final ScanProfileRepository profiles;
    private final RunRepository runs;
    private final RunStarter starter;
    private final ScheduleTask task;
    private final SchedulerClient client;
    private final TenantDirectory tenants;
    private final TenantTransactions tx;
    private final AuditEvents audit;

    Schedules(
            ScheduleRepository schedules,
            ScanProfileRepository profiles,
            RunRepository runs,
            RunStarter starter,
            ScheduleTask task,
            @Lazy SchedulerClient client,
            TenantDirectory tenants,
            TenantTransactions tx,
            AuditEvents audit) {
        this.schedules = schedules;
        this.profiles = profiles;
        this.runs = runs;
        this.starter = starter;
        this.task = task;
        this.client = client;
        this.tenants = tenants;
        this.tx = tx;
        this.audit = audit;
    }

    /** The cron preview: description and next five due times; 422 naming the bad field. */
    public CronPreview preview(String cron, String zone, Instant now) {
        return CronPreview.of(parse(cron, zone), now);
    }

    public ScheduleView create(CallContext call, ScheduleRequest request) {
        if (call.userId() == null) {
            throw ApiException.forbidden("Only a user (or a user's API key) can own a schedule.");
        }
        refuseOnPlan(call);
        Checked checked = checked(request);
        UUID id = UUID.randomUUID();
        return tx.write(call.scope(), () -> {
            var profile = profile(call, checked.profileId());
            refuseTakenName(call, checked.name(), id);
            Instant next =
                    checked.enabled() ? checked.cron().nextAfter(call.at()).orElse(null) : null;
            var row = new ScheduleRepository.ScheduleRow(
                    id,
                    checked.name(),
                    profile.id(),
                    profile.name(),
                    checked.cron().expression(),
                    checked.cron().zone().getId(),
                    checked.enabled(),
                    call.userId(),
                    checked.catchUp(),
                    checked.blackout(),
                    next,
                    null,
                    null,
                    null,
                    call.at(),
                    call.at());
            schedules.insert(call.tenantId(), row, call.userId());
            audit.changed(call, AuditAction.SCHEDULE_CREATE, "schedule", id, summary(row));
            arm(call, row, profile);
            return view(row, call.at());
        });
    }

    /** Replaces every field a client sets; the next due time is computed afresh from now. */
    public ScheduleView replace(CallContext call, UUID id, ScheduleRequest request) {
        refuseOnPlan(call);
        Checked checked = checked(request);
        return tx.write(call.scope(), () -> {
            var current = find(call, id, true);
            var profile = profile(call, checked.profileId());
            refuseTakenName(call, checked.name(), id);
            var row = new ScheduleRepository.ScheduleRow(
                    id,
                    checked.name(),
                    profile.id(),
                    profile.name(),
                    checked.cron().expression(),
                    checked.cron().zone().getId(),
                    checked.enabled(),
                    current.ownerId(),
                    checked.catchUp(),
                    checked.blackout(),
                    checked.enabled() ? checked.cron().nextAfter(call.at()).orElse(null) : null,
                    current.lastRunAt(),
                    checked.enabled() ? current.deferredRunId() : null,
                    checked.enabled() ? current.deferredUntil() : null,
                    current.createdAt(),
                    call.at());
            if (!checked.enabled()) {
                dropDeferred(call, current, "the schedule was paused");
            }
            schedules.update(call.tenantId(), row, call.userId());
            audit.changed(call, AuditAction.SCHEDULE_UPDATE, "schedule", id, summary(row));
            arm(call, row, profile);
            return view(row, call.at());
        });
    }

    public ScheduleView pause(CallContext call, UUID id) {
        return setEnabled(call, id, false);
    }

    /** Resumes from now: due times that passed while paused are not caught up. */
    public ScheduleView resume(CallContext call, UUID id) {
        refuseOnPlan(call);
        return setEnabled(call, id, true);
    }

    private ScheduleView setEnabled(CallContext call, UUID id, boolean enabled) {
        return tx.write(call.scope(), () -> {
            var current = find(call, id, true);
            if (current.enabled() == enabled) {
                throw ApiException.conflict("The schedule is already " + (enabled ? "running." : "paused."));
            }
            CronSchedule cron = parse(current.cron(), current.zone());
            if (!enabled) {
                dropDeferred(call, current, "the schedule was paused");
            }
            var row = new ScheduleRepository.ScheduleRow(
                    id,
                    current.name(),
                    current.profileId(),
                    current.profileName(),
                    current.cron(),
                    current.zone(),
                    enabled,
                    current.ownerId(),
                    current.catchUp(),
                    current.blackout(),
                    enabled ? cron.nextAfter(call.at()).orElse(null) : null,
                    current.lastRunAt(),
                    null,
                    null,
                    current.createdAt(),
                    call.at());
            schedules.update(call.tenantId(), row, call.userId());
            audit.changed(
                    call, AuditAction.SCHEDULE_UPDATE, "schedule", id, Map.of("enabled", enabled, "name", row.name()));
            arm(call, row, profiles.find(call.tenantId(), row.profileId()).orElseThrow());
            return view(row, call.at());
        });
    }

    /** Deletes the schedule and its task; its run history stays. */
    public void delete(CallContext call, UUID id) {
        tx.write(call.scope(), () -> {
            var current = find(call, id, true);
            dropDeferred(call, current, "the schedule was deleted");
            schedules.delete(call.tenantId(), id);
            audit.changed(call, AuditAction.SCHEDULE_DELETE, "schedule", id, Map.of("name", current.name()));
            task.disarm(client, call.tenantId(), id);
            return null;
        });
    }

    /** Starts a run now, outside the cron times (blackout windows still leave agents out). */
    public RunView runNow(CallContext call, UUID id) {
        refuseOnPlan(call);
        return tx.write(call.scope(), () -> {
            var schedule = find(call, id, true);
            var profile = profiles.find(call.tenantId(), schedule.profileId()).orElseThrow();
            UUID runId = UUID.randomUUID();
            RunView run = new RunView(
                    runId,
                    id,
                    schedule.name(),
                    call.at(),
                    "manual",
                    "started",
                    "started by " + call.actor().name(),
                    call.at(),
                    call.at(),
                    null,
                    null,
                    List.of());
            if (!runs.insert(call.tenantId(), run, profile.concurrency())) {
                throw ApiException.conflict("The schedule already started a run at this instant.");
            }
            audit.changed(call, AuditAction.SCHEDULE_RUN_NOW, "schedule", id, Map.of("runId", runId));
            starter.start(call, schedule, profile, runId);
            schedules.touchLastRun(call.tenantId(), id, call.at());
            return runs.find(call.tenantId(), runId, false).orElseThrow();
        });
    }

    public ScheduleView get(CallContext call, UUID id) {
        return view(tx.read(call.scope(), () -> find(call, id, false)), call.at());
    }

    public PageResponse<ScheduleView> list(CallContext call, String q, Integer limit, String cursor) {
        int size = Cursors.limit(limit);
        String query = Paging.query(q);
        Paging.After after = Paging.after(cursor);
        List<ScheduleView> rows = tx
                .read(
                        call.scope(),
                        () -> schedules.list(
                                call.tenantId(),
                                query,
                                after == null ? null : after.key(),
                                after == null ? null : after.id(),
                                size + 1))
                .stream()
                .map(row -> view(row, call.at()))
                .toList();
        return Paging.page(rows, size, v -> new String[] {v.name(), v.id().toString()});
    }

    /** The schedule's runs, newest due time first. */
    public PageResponse<RunView> history(CallContext call, UUID id, Integer limit, String cursor) {
        int size = Cursors.limit(limit);
        Paging.After after = Paging.after(cursor);
        Instant afterDue;
        try {
            afterDue = after == null ? null : Instant.parse(after.key());
        } catch (java.time.format.DateTimeParseException e) {
            throw Cursors.malformed();
        }
        List<RunView> rows = tx.read(call.scope(), () -> {
            find(call, id, false);
            return runs.history(call.tenantId(), id, afterDue, after == null ? null : after.id(), size + 1);
        });
        return Paging.page(rows, size, r -> new String[] {r.dueAt().toString(), r.id().toString()});
    }

    private void refuseOnPlan(CallContext call) {
        var tenant = tenants.find(call.scope(), call.tenantId()).orElseThrow(() -> ApiException.notFound("The tenant"));
        String refusal = SchedulingPlan.refusal(tenant.plan());
        if (refusal != null) {
            throw ApiException.forbidden(refusal);
        }
    }

    private ScheduleRepository.ScheduleRow find(CallContext call, UUID id, boolean forUpdate) {
        return schedules.find(call.tenantId(), id, forUpdate).orElseThrow(() -> ApiException.notFound("The schedule"));
    }

    private ScanProfileRepository.ProfileRow profile(CallContext call, UUID profileId) {
        return profiles.find(call.tenantId(), profileId)
                .orElseThrow(() -> ApiException.invalid("profileId", "is not a scan profile of this tenant"));
    }

    private void refuseTakenName(CallContext call, String name, UUID id) {
        if (schedules.nameTaken(call.tenantId(), name, id)) {
            throw ApiException.conflict("A schedule named '" + name + "' already exists.");
        }
    }

    /** A run waiting for a blackout to end is skipped when its schedule is paused or deleted. */
    private void dropDeferred(CallContext call, ScheduleRepository.ScheduleRow schedule, String why) {
        if (schedule.deferredRunId() != null) {
            runs.outcome(
                    call.tenantId(),
                    schedule.deferredRunId(),
                    "skipped",
                    "deferred by a blackout window; " + why,
                    null);
        }
    }

    private void arm(CallContext call, ScheduleRepository.ScheduleRow row, ScanProfileRepository.ProfileRow profile) {
        if (!row.enabled()) {
            task.disarm(client, call.tenantId(), row.id());
            return;
        }
        Duration jitter = Jitter.offset(row.id(), profile.jitterSeconds());
        Instant at = row.deferredUntil() != null
                ? row.deferredUntil()
                : row.nextRunAt() == null
                        ? Instant.parse("9999-01-01T00:00:00Z")
                        : row.nextRunAt().plus(jitter);
        task.arm(client, call.tenantId(), row.id(), at);
    }

    private record Checked(
            String name, UUID profileId, CronSchedule cron, boolean enabled, String catchUp, String blackout) {}

    private static Checked checked(ScheduleRequest request) {
        if (request == null) {
            throw ApiException.invalid("body", "is required");
        }
        Fields fields = new Fields();
        String name = fields.name("name", request.name(), MAX_NAME);
        if (request.profileId() == null) {
            fields.add("profileId", "is required: the scan profile the schedule runs");
        }
        CronSchedule.Parsed parsed = CronSchedule.parse(request.cron(), request.zone(), "cron", "zone");
        parsed.problems().forEach(p -> fields.add(p.field(), p.message()));
        String catchUp = request.catchUp() == null ? "run_once" : request.catchUp();
        if (!List.of("run_once", "skip").contains(catchUp)) {
            fields.add("catchUp", "must be run_once or skip");
        }
        String blackout = request.blackout() == null ? "defer" : request.blackout();
        if (!List.of("defer", "skip").contains(blackout)) {
            fields.add("blackout", "must be defer or skip");
        }
        fields.throwIfAny();
        return new Checked(
                name,
                request.profileId(),
                parsed.schedule(),
                !Boolean.FALSE.equals(request.enabled()),
                catchUp,
                blackout);
    }

    static CronSchedule parse(String cron, String zone) {
        CronSchedule.Parsed parsed = CronSchedule.parse(cron, zone, "cron", "zone");
        Fields fields = new Fields();
        parsed.problems().forEach(p -> fields.add(p.field(), p.message()));
        fields.throwIfAny();
        return parsed.schedule();
    }

    static ScheduleView view(ScheduleRepository.ScheduleRow row, Instant now) {
        CronSchedule cron = parse(row.cron(), row.zone());
        return new ScheduleView(
                row.id(),
                row.name(),
                row.profileId(),
                row.profileName(),
                row.cron(),
                row.zone(),
                cron.description(),
                row.enabled(),
                row.ownerId(),
                row.catchUp(),
                row.blackout(),
                row.nextRunAt(),
                row.lastRunAt(),
                row.deferredUntil(),
                row.enabled() ? cron.next(now, 5) : List.of(),
                row.createdAt(),
                row.modifiedAt());
    }

    private static Map<String, Object> summary(ScheduleRepository.ScheduleRow row) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("name", row.name());
        summary.put("profileId", row.profileId());
        summary.put("cron", row.cron());
        summary.put("zone", row.zone());
        summary.put("enabled", row.enabled());
        summary.put("catchUp", row.catchUp());
        summary.put("blackout", row.blackout());
        return summary;
    }
}
