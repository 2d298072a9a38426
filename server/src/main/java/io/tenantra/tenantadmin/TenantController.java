package io.tenantra.tenantadmin;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tenantra.identity.Permission;
import io.tenantra.identity.RequiresPermission;
import io.tenantra.identity.TenantContext;
import io.tenantra.platform.web.Cursors;
import io.tenantra.platform.web.PageResponse;
import io.tenantra.tenancy.Tenant;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The tenant tree over HTTP. Access rules are in {@link TenantRules} and {@code docs/tenancy.md}.
 * The {@link TenantContext} argument is filled in by identity's permission check, so it is hidden
 * from the API description and the {@code tenantId} path variable is described instead.
 */
@RestController
@RequestMapping(path = "/api/v1/tenants", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Tenants")
class TenantController {

    private static final String MERGE_PATCH = "application/merge-patch+json";

    private final TenantAdministration administration;

    TenantController(TenantAdministration administration) {
        this.administration = administration;
    }

    @RequiresPermission(Permission.TENANT_READ)
    @GetMapping
    @Operation(
            operationId = "listTenants",
            summary = "The tenants you may read, in slug order; optionally only the children of parentId")
    PageResponse<TenantView> list(
            @Parameter(hidden = true) TenantContext caller,
            @RequestParam(required = false) UUID parentId,
            @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = "" + Cursors.DEFAULT_LIMIT) int limit) {
        PageResponse<Tenant> page = administration.list(caller, parentId, cursor, limit);
        return new PageResponse<>(page.items().stream().map(TenantView::of).toList(), page.nextCursor());
    }

    // The path names no tenant, so the interceptor only checks that the caller holds
    // TENANT_CREATE somewhere; TenantAdministration checks it on the parent.
    @RequiresPermission(Permission.TENANT_CREATE)
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            operationId = "createTenant",
            summary = "Create a tenant below parentId (needs TENANT_CREATE on the parent)")
    @ApiResponse(responseCode = "201", description = "Created; the Location header names the new tenant")
    ResponseEntity<TenantView> create(
            @Parameter(hidden = true) TenantContext caller, @RequestBody TenantRequests.Create request) {
        Tenant tenant = administration.create(caller, request.toNewTenant());
        return ResponseEntity.created(URI.create("/api/v1/tenants/" + tenant.id()))
                .body(TenantView.of(tenant));
    }

    @RequiresPermission(Permission.TENANT_READ)
    @GetMapping("/{tenantId}")
    @Operation(operationId = "getTenant", summary = "One tenant")
    @Parameter(name = "tenantId", in = ParameterIn.PATH, required = true, schema = @Schema(format = "uuid"))
    TenantView get(@Parameter(hidden = true) TenantContext ctx) {
        return TenantView.of(administration.get(ctx, ctx.tenantId()));
    }

    @RequiresPermission(Permission.TENANT_WRITE)
    @PatchMapping(
            path = "/{tenantId}",
            consumes = {MediaType.APPLICATION_JSON_VALUE, MERGE_PATCH})
    @Operation(
            operationId = "updateTenant",
            summary = "Change a tenant",
            description = "name, settings and branding need TENANT_WRITE on the tenant; plan, status"
                    + " (suspend/reactivate) and parentId (move) also need TENANT_CREATE on its parent,"
                    + " and a move TENANT_CREATE on the new parent")
    @Parameter(name = "tenantId", in = ParameterIn.PATH, required = true, schema = @Schema(format = "uuid"))
    TenantView update(@Parameter(hidden = true) TenantContext ctx, @RequestBody TenantRequests.Update request) {
        return TenantView.of(administration.update(ctx, ctx.tenantId(), request.toChanges()));
    }

    // Checked here against the tenant (a subtree binding on the parent reaches it too);
    // TenantAdministration also requires TENANT_CREATE on the parent itself.
    @RequiresPermission(Permission.TENANT_CREATE)
    @DeleteMapping("/{tenantId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(
            operationId = "deleteTenant",
            summary = "Delete an empty tenant (no children, users, roles or sessions); suspend it otherwise")
    @Parameter(name = "tenantId", in = ParameterIn.PATH, required = true, schema = @Schema(format = "uuid"))
    void delete(@Parameter(hidden = true) TenantContext ctx) {
        administration.delete(ctx, ctx.tenantId());
    }
}
