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

/** The scan profiles API: what scheduled runs scan, on which agents, how many at once. */
@RestController
@RequestMapping(path = "/api/v1/tenants/{tenantId}/scan-profiles", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Scheduled scans")
class ScanProfileController {

    private final ScanProfiles profiles;

    ScanProfileController(ScanProfiles profiles) {
        this.profiles = profiles;
    }

    @RequiresPermission(Permission.SCAN_READ)
    @GetMapping
    @Operation(summary = "The tenant's scan profiles by name; q narrows to names containing it")
    PageResponse<ScanProfileView> list(
            CallContext call,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        return profiles.list(call, q, limit, cursor);
    }

    @RequiresPermission(Permission.SCAN_READ)
    @GetMapping("/{id}")
    @Operation(summary = "One scan profile")
    ScanProfileView get(CallContext call, @PathVariable UUID id) {
        return profiles.get(call, id);
    }

    @RequiresPermission(Permission.SCAN_WRITE)
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Create a scan profile",
            description = "name (unique in the tenant), selector (exactly one of all, agentIds, tags, os), optional"
                    + " modules, policies, frameworks, timeLimitMinutes (1-1440), concurrency (1-10000 agents"
                    + " scanning at once) and jitterSeconds (0-3600).")
    ScanProfileView create(CallContext call, @RequestBody ScanProfileRequest request) {
        return profiles.create(call, request);
    }

    @RequiresPermission(Permission.SCAN_WRITE)
    @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Replace a scan profile (every field, as on create)")
    ScanProfileView replace(CallContext call, @PathVariable UUID id, @RequestBody ScanProfileRequest request) {
        return profiles.replace(call, id, request);
    }

    @RequiresPermission(Permission.SCAN_WRITE)
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a scan profile no schedule uses (409 otherwise)")
    void delete(CallContext call, @PathVariable UUID id) {
        profiles.delete(call, id);
    }
}
