package io.tenantra.scheduling;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tenantra.identity.Permission;
import io.tenantra.identity.RequiresPermission;
import io.tenantra.platform.context.CallContext;
import io.tenantra.platform.web.PageResponse;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The schedules API: cron schedules of scan profiles, their runs, the cron preview and the week's calendar. */
@RestController
@RequestMapping(path = "/api/v1/tenants/{tenantId}/schedules", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Scheduled scans")
class ScheduleController {

    private final Schedules schedules;
    private final ScheduleCalendar calendar;

    ScheduleController(Schedules schedules, ScheduleCalendar calendar) {
        this.schedules = schedules;
        this.calendar = calendar;
    }

    @RequiresPermission(Permission.SCAN_READ)
    @GetMapping
    @Operation(summary = "The tenant's schedules by name; q narrows to names containing it")
    PageResponse<ScheduleView> list(
            CallContext call,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        return schedules.list(call, q, limit, cursor);
    }

    @RequiresPermission(Permission.SCAN_READ)
    @GetMapping("/preview")
    @Operation(
            summary = "What a cron expression means before saving: description and next five due times",
            description = "cron: five fields (minute hour day-of-month month day-of-week); zone: IANA time zone."
                    + " 422 naming the bad field.")
    CronPreview preview(
            CallContext call,
            @RequestParam(required = false) String cron,
            @RequestParam(required = false) String zone) {
        return schedules.preview(cron, zone, call.at());
    }

    @RequiresPermission(Permission.SCAN_READ)
    @GetMapping("/calendar")
    @Operation(summary = "The coming week: every enabled schedule's due times and every blackout window's occurrences")
    ScheduleCalendar.Week calendar(CallContext call) {
        return calendar.week(call);
    }

    @RequiresPermission(Permission.SCAN_READ)
    @GetMapping("/{id}")
    @Operation(summary = "One schedule with its next five due times")
    ScheduleView get(CallContext call, @PathVariable UUID id) {
        return schedules.get(call, id);
    }

    @RequiresPermission(Permission.SCAN_READ)
    @GetMapping("/{id}/runs")
    @Operation(
            summary =
                    "A schedule's run history, newest due time first: started, deferred, skipped (why), completed (counts)")
    PageResponse<RunView> runs(
            CallContext call,
            @PathVariable UUID id,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        return schedules.history(call, id, limit, cursor);
    }

    @RequiresPermission(Permission.SCAN_WRITE)
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Create a schedule (403 on the FREE plan)",
            description =
                    "name, profileId, cron, zone (IANA); enabled (default true); catchUp run_once|skip (default"
                            + " run_once); blackout defer|skip (default defer). The caller owns it and is notified of its runs.")
    ScheduleView create(CallContext call, @RequestBody ScheduleRequest request) {
        return schedules.create(call, request);
    }

    @RequiresPermission(Permission.SCAN_WRITE)
    @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Replace a schedule (every field, as on create); the next due time is computed afresh")
    ScheduleView replace(CallContext call, @PathVariable UUID id, @RequestBody ScheduleRequest request) {
        return schedules.replace(call, id, request);
    }

    @RequiresPermission(Permission.SCAN_WRITE)
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a schedule; its run history is kept")
    void delete(CallContext call, @PathVariable UUID id) {
        schedules.delete(call, id);
    }

    @RequiresPermission(Permission.SCAN_WRITE)
    @PostMapping("/{id}/pause")
    @Operation(summary = "Pause a schedule (409 when already paused)")
    ScheduleView pause(CallContext call, @PathVariable UUID id) {
        return schedules.pause(call, id);
    }

    @RequiresPermission(Permission.SCAN_WRITE)
    @PostMapping("/{id}/resume")
    @Operation(summary = "Resume a paused schedule from now (missed due times are not caught up)")
    ScheduleView resume(CallContext call, @PathVariable UUID id) {
        return schedules.resume(call, id);
    }

    @RequiresPermission(Permission.SCAN_WRITE)
    @PostMapping("/{id}/run")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Run a schedule now, outside its cron times; the run as recorded")
    RunView runNow(CallContext call, @PathVariable UUID id) {
        return schedules.runNow(call, id);
    }
}
