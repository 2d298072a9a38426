package io.tenantra.compliance.exceptions;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tenantra.identity.Permission;
import io.tenantra.identity.RequiresPermission;
import io.tenantra.platform.context.CallContext;
import io.tenantra.platform.web.PageResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.time.Instant;
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

/** The exceptions API: request, decide, revoke, list and read one with its history. */
@RestController
@RequestMapping(path = "/api/v1/tenants/{tenantId}/compliance/exceptions", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Compliance")
class ExceptionController {

    private final ComplianceExceptions exceptions;

    ExceptionController(ComplianceExceptions exceptions) {
        this.exceptions = exceptions;
    }

    @RequiresPermission(Permission.COMPLIANCE_READ)
    @GetMapping
    @Operation(summary = "List exceptions, newest request first; filter by state, check and asset")
    PageResponse<ExceptionView> list(
            CallContext call,
            @RequestParam(required = false) String state,
            @RequestParam(required = false) String checkId,
            @RequestParam(required = false) UUID assetId,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        return exceptions.list(call, state, checkId, assetId, limit, cursor);
    }

    @RequiresPermission(Permission.COMPLIANCE_READ)
    @GetMapping("/{id}")
    @Operation(summary = "One exception with its history")
    ExceptionView get(CallContext call, @PathVariable UUID id) {
        return exceptions.get(call, id);
    }

    @RequiresPermission(Permission.COMPLIANCE_EXCEPTION_REQUEST)
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Request an exception (pending until someone other than the requester approves it)",
            description = "scope: asset (assetId), tag (tagKey, tagValue) or tenant; kind: ACCEPT a failing"
                    + " result, or OVERRIDE a not-applicable one to overrideTo PASS or FAIL; reason (at most 2,000"
                    + " characters) and expiresAt (future, within tenantra.compliance.exceptions.max-duration) are"
                    + " required.")
    ExceptionView request(CallContext call, @RequestBody RequestBodyJson body) {
        return exceptions.request(
                call,
                new ExceptionRequest(
                        body.checkId(),
                        body.scope(),
                        body.assetId(),
                        body.tagKey(),
                        body.tagValue(),
                        body.kind(),
                        body.overrideTo(),
                        body.reason(),
                        body.expiresAt()));
    }

    @RequiresPermission(Permission.COMPLIANCE_EXCEPTION_APPROVE)
    @PostMapping(path = "/{id}/approve", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Approve a pending exception (refused to its requester)")
    ExceptionView approve(CallContext call, @PathVariable UUID id, @Valid @RequestBody(required = false) Note note) {
        return exceptions.approve(call, id, note == null ? null : note.note());
    }

    @RequiresPermission(Permission.COMPLIANCE_EXCEPTION_APPROVE)
    @PostMapping(path = "/{id}/reject", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Reject a pending exception (refused to its requester)")
    ExceptionView reject(CallContext call, @PathVariable UUID id, @Valid @RequestBody(required = false) Note note) {
        return exceptions.reject(call, id, note == null ? null : note.note());
    }

    @RequiresPermission(Permission.COMPLIANCE_EXCEPTION_APPROVE)
    @PostMapping(path = "/{id}/revoke", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Revoke a pending or approved exception now")
    ExceptionView revoke(CallContext call, @PathVariable UUID id, @Valid @RequestBody(required = false) Note note) {
        return exceptions.revoke(call, id, note == null ? null : note.note());
    }

    /** The JSON body of a request (validated field by field by the facade, all errors at once). */
    record RequestBodyJson(
            String checkId,
            String scope,
            UUID assetId,
            String tagKey,
            String tagValue,
            String kind,
            String overrideTo,
            String reason,
            Instant expiresAt) {}

    /** An optional note on a decision or a revocation. */
    record Note(@Size(max = 2000) String note) {}
}
