package io.tenantra.agents;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tenantra.identity.Permission;
import io.tenantra.identity.RequiresPermission;
import io.tenantra.platform.context.CallContext;
import io.tenantra.platform.web.ApiException;
import io.tenantra.platform.web.PageResponse;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/v1/tenants/{tenantId}/scans", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Scans")
class ScanController {

    private final Scans scans;
    private final ScanDirectory directory;

    ScanController(Scans scans, ScanDirectory directory) {
        this.scans = scans;
        this.directory = directory;
    }

    @RequiresPermission(Permission.SCAN_WRITE)
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Start a scan: one job per selected agent (all, agentIds, tags or os)",
            description = "Agents in a blackout window are left out (409 when the whole tenant is);"
                    + " overrideBlackout=true scans them anyway and is audited as scan.blackout.override.")
    ScanView create(CallContext call, @RequestBody CreateRequest request) {
        return scans.create(
                call,
                request.modules(),
                request.selector(),
                new Scans.Options(Boolean.TRUE.equals(request.overrideBlackout()), null));
    }

    @RequiresPermission(Permission.SCAN_READ)
    @GetMapping
    @Operation(summary = "The tenant's scans with their progress, newest first")
    PageResponse<ScanView> list(
            CallContext call,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        return directory.list(call.scope(), call.tenantId(), limit, cursor);
    }

    @RequiresPermission(Permission.SCAN_READ)
    @GetMapping("/{id}")
    @Operation(summary = "One scan: progress, and a page of its jobs with per-module outcomes and execution logs")
    Detail get(
            CallContext call,
            @PathVariable UUID id,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        ScanView scan =
                directory.find(call.scope(), call.tenantId(), id).orElseThrow(() -> ApiException.notFound("The scan"));
        return new Detail(scan, directory.jobs(call.scope(), call.tenantId(), id, limit, cursor));
    }

    @RequiresPermission(Permission.SCAN_WRITE)
    @PostMapping("/{id}/cancel")
    @Operation(summary = "Cancel a scan: its unfinished jobs end as cancelled; late results are refused")
    ScanView cancel(CallContext call, @PathVariable UUID id) {
        return scans.cancel(call, id);
    }

    @Schema(name = "ScanCreateRequest")
    record CreateRequest(List<String> modules, Scans.Selector selector, Boolean overrideBlackout) {}

    /** The scan's fields plus {@code jobs}: one page of its per-agent jobs. */
    record Detail(
            @com.fasterxml.jackson.annotation.JsonUnwrapped ScanView scan, PageResponse<ScanView.JobView> jobs) {}
}
