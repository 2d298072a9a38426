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
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The blackout windows API: when the tenant (or the agents with a tag) must not be scanned. */
@RestController
@RequestMapping(path = "/api/v1/tenants/{tenantId}/blackout-windows", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Scheduled scans")
class BlackoutController {

    private final Blackouts blackouts;

    BlackoutController(Blackouts blackouts) {
        this.blackouts = blackouts;
    }

    @RequiresPermission(Permission.SCAN_READ)
    @GetMapping
    @Operation(
            summary = "The tenant's blackout windows by name, each with the end of its current occurrence if in force")
    PageResponse<BlackoutView> list(
            CallContext call,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        return blackouts.list(call, q, limit, cursor);
    }

    @RequiresPermission(Permission.SCAN_READ)
    @GetMapping("/{id}")
    @Operation(summary = "One blackout window")
    BlackoutView get(CallContext call, @PathVariable UUID id) {
        return blackouts.get(call, id);
    }

    @RequiresPermission(Permission.SCAN_WRITE)
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Create a blackout window: weekly, cron with a duration, or once",
            description = "Whole tenant, or only agents tagged tagKey=tagValue. weekly: zone, days (MON..SUN),"
                    + " startTime, endTime (HH:mm; an end not after the start runs into the next day); cron: zone,"
                    + " cron, durationMinutes; once: startsAt, endsAt (after startsAt).")
    BlackoutView create(CallContext call, @RequestBody BlackoutRequest request) {
        return blackouts.create(call, request);
    }

    @RequiresPermission(Permission.SCAN_WRITE)
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a blackout window")
    void delete(CallContext call, @PathVariable UUID id) {
        blackouts.delete(call, id);
    }
}
