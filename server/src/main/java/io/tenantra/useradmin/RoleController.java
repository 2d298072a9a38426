package io.tenantra.useradmin;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tenantra.identity.Permission;
import io.tenantra.identity.RequiresPermission;
import io.tenantra.identity.TenantContext;
import io.tenantra.platform.web.PageResponse;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/v1/tenants/{tenantId}/roles", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Roles")
class RoleController {

    private final RoleAdminService roles;

    RoleController(RoleAdminService roles) {
        this.roles = roles;
    }

    @RequiresPermission(Permission.ROLE_READ)
    @GetMapping
    @Operation(
            operationId = "listRoles",
            summary = "Roles usable on the tenant: the built-in ones, then custom roles defined on it or an ancestor")
    PageResponse<RoleDefinition> list(
            TenantContext ctx,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        return roles.list(ctx.user(), ctx.tenantId(), limit, cursor);
    }

    @RequiresPermission(Permission.ROLE_WRITE)
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            operationId = "createRole",
            summary = "Define a custom role on the tenant from permissions the caller holds there")
    ResponseEntity<RoleDefinition> create(TenantContext ctx, @RequestBody RoleAdminService.NewRole request) {
        RoleDefinition created = roles.create(ctx, ctx.tenantId(), request);
        return ResponseEntity.created(URI.create("/api/v1/tenants/" + ctx.tenantId() + "/roles/" + created.id()))
                .body(created);
    }

    @RequiresPermission(Permission.ROLE_READ)
    @GetMapping("/{roleId}")
    @Operation(operationId = "getRole", summary = "One custom role usable on the tenant (built-in roles have no id)")
    RoleDefinition get(TenantContext ctx, @PathVariable UUID roleId) {
        return roles.get(ctx.user(), ctx.tenantId(), roleId);
    }

    @RequiresPermission(Permission.ROLE_WRITE)
    @PatchMapping(path = "/{roleId}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            operationId = "updateRole",
            summary = "Change a custom role defined on this tenant; renaming only while nobody holds it")
    RoleDefinition update(TenantContext ctx, @PathVariable UUID roleId, @RequestBody RoleAdminService.RolePatch patch) {
        return roles.update(ctx, ctx.tenantId(), roleId, patch);
    }

    @RequiresPermission(Permission.ROLE_WRITE)
    @DeleteMapping("/{roleId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(
            operationId = "deleteRole",
            summary = "Delete a custom role defined on this tenant; refused while anyone holds it")
    void delete(TenantContext ctx, @PathVariable UUID roleId) {
        roles.delete(ctx, ctx.tenantId(), roleId);
    }
}
