package io.tenantra.audit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tenantra.identity.Permission;
import io.tenantra.identity.RequiresPermission;
import io.tenantra.identity.TenantContext;
import io.tenantra.platform.web.ApiException;
import io.tenantra.platform.web.Cursors;
import io.tenantra.platform.web.PageResponse;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

@RestController
@RequestMapping("/api/v1/tenants/{tenantId}/audit-events")
@Tag(name = "Audit trail")
class AuditEventsController {

    static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);
    private static final DateTimeFormatter FILE_TIME =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final AuditTrail trail;
    private final Clock clock;

    AuditEventsController(AuditTrail trail, Clock clock) {
        this.trail = trail;
        this.clock = clock;
    }

    @RequiresPermission(Permission.AUDIT_READ)
    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "List audit events, newest first, with filters and cursor pagination")
    PageResponse<AuditRecord> list(
            TenantContext ctx,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String actor,
            @RequestParam(required = false) String action,
            @RequestParam(required = false) String targetType,
            @RequestParam(required = false) String targetId,
            @RequestParam(required = false) String outcome,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = "false") boolean includeDescendants) {
        AuditFilter filter = AuditFilter.parse(from, to, actor, action, targetType, targetId, outcome);
        int size = Cursors.limit(limit);
        Set<UUID> tenants = trail.readableTenants(ctx.user(), ctx.tenantId(), includeDescendants);
        return trail.search(tenants, includeDescendants, filter, cursor, size);
    }

    @RequiresPermission(Permission.AUDIT_READ)
    @GetMapping(path = "/{eventId}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "One audit event of this tenant")
    AuditRecord get(TenantContext ctx, @PathVariable UUID eventId) {
        return trail.find(ctx.tenantId(), eventId).orElseThrow(() -> ApiException.notFound("The audit event"));
    }

    @RequiresPermission(Permission.AUDIT_READ)
    @GetMapping("/export")
    @Operation(
            summary = "Stream the trail as CSV",
            description = "Without filters: the complete chain with its signed checkpoints, which "
                    + "`java -jar tenantra-server.jar audit verify <file>` checks offline. Every export is audited.")
    ResponseEntity<StreamingResponseBody> export(
            TenantContext ctx,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String actor,
            @RequestParam(required = false) String action,
            @RequestParam(required = false) String targetType,
            @RequestParam(required = false) String targetId,
            @RequestParam(required = false) String outcome,
            @RequestParam(defaultValue = "false") boolean includeDescendants) {
        AuditFilter filter = AuditFilter.parse(from, to, actor, action, targetType, targetId, outcome);
        Set<UUID> tenants = trail.readableTenants(ctx.user(), ctx.tenantId(), includeDescendants);
        trail.recordExport(ctx.call(), tenants, filter);
        StreamingResponseBody body = out -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
            trail.export(tenants, filter, writer);
            writer.flush();
        };
        return ResponseEntity.ok()
                .contentType(CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, attachment(ctx.tenantId()))
                .body(body);
    }

    @RequiresPermission(Permission.AUDIT_READ)
    @GetMapping(path = "/verify", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Recompute the tenant's hash chain and check its signed checkpoints")
    VerificationResult verify(TenantContext ctx) {
        return trail.verify(ctx.tenantId());
    }

    private String attachment(UUID tenantId) {
        return ContentDisposition.attachment()
                .filename("audit-" + tenantId + "-" + FILE_TIME.format(clock.instant()) + ".csv")
                .build()
                .toString();
    }
}
