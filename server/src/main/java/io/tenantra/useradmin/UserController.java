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
@RequestMapping(path = "/api/v1/tenants/{tenantId}/users", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Users")
class UserController {

    private final UserAdminService users;
    private final UserUpdateService updates;

    UserController(UserAdminService users, UserUpdateService updates) {
        this.users = users;
        this.updates = updates;
    }

    @RequiresPermission(Permission.USER_READ)
    @GetMapping
    @Operation(
            operationId = "listUsers",
            summary = "The tenant's users, by username; filter by active and by a substring of"
                    + " username, e-mail or display name")
    PageResponse<UserAccount> list(
            TenantContext ctx,
            @RequestParam(required = false) Boolean active,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        return users.list(ctx.user(), ctx.tenantId(), new UserAdminService.UserQuery(active, q, limit, cursor));
    }

    @RequiresPermission(Permission.USER_WRITE)
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            operationId = "createUser",
            summary = "Create a user of the tenant with roles bound on it; the password is never returned")
    ResponseEntity<UserAccount> create(TenantContext ctx, @RequestBody UserAdminService.NewUser request) {
        UserAccount created = users.create(ctx, ctx.tenantId(), request);
        return ResponseEntity.created(URI.create("/api/v1/tenants/" + ctx.tenantId() + "/users/" + created.id()))
                .body(created);
    }

    @RequiresPermission(Permission.USER_READ)
    @GetMapping("/{id}")
    @Operation(operationId = "getUser", summary = "One user of the tenant, with its roles there")
    UserAccount get(TenantContext ctx, @PathVariable UUID id) {
        return users.get(ctx.user(), ctx.tenantId(), id);
    }

    @RequiresPermission(Permission.USER_WRITE)
    @PatchMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            operationId = "updateUser",
            summary = "Change e-mail, display name, activation or roles (which replace the user's"
                    + " bindings on this tenant); deactivation ends the user's sessions")
    UserAccount update(TenantContext ctx, @PathVariable UUID id, @RequestBody UserUpdateService.UserPatch patch) {
        return updates.update(ctx, ctx.tenantId(), id, patch);
    }

    @RequiresPermission(Permission.USER_WRITE)
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(operationId = "deleteUser", summary = "Delete a user for good, with its role bindings and sessions")
    void delete(TenantContext ctx, @PathVariable UUID id) {
        users.delete(ctx, ctx.tenantId(), id);
    }
}
