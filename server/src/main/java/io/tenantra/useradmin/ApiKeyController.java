package io.tenantra.useradmin;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tenantra.identity.ApiKeyView;
import io.tenantra.identity.ApiKeys;
import io.tenantra.identity.Permission;
import io.tenantra.identity.RequiresPermission;
import io.tenantra.identity.TenantContext;
import io.tenantra.platform.web.PageResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/tenants/{tenantId}/api-keys}: a tenant's API keys. The secret is shown once, on creation. */
@RestController
@RequestMapping(path = "/api/v1/tenants/{tenantId}/api-keys", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "API keys")
class ApiKeyController {

    private final ApiKeys keys;

    ApiKeyController(ApiKeys keys) {
        this.keys = keys;
    }

    @RequiresPermission(Permission.API_KEY_READ)
    @GetMapping
    @Operation(summary = "List the tenant's API keys, newest first (never their secrets)")
    PageResponse<ApiKeyView> list(
            TenantContext ctx,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        return keys.list(ctx.user(), ctx.tenantId(), limit, cursor);
    }

    @RequiresPermission(Permission.API_KEY_WRITE)
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Create an API key acting for you on this tenant",
            description = "The response's `key` is the only time the secret is shown. Permissions default to"
                    + " every permission you hold here that a key may carry, and must be a subset of yours.")
    ResponseEntity<CreatedKey> create(TenantContext ctx, @Valid @RequestBody CreateRequest request) {
        ApiKeys.CreatedApiKey created =
                keys.create(ctx, ctx.tenantId(), request.name(), request.permissions(), request.expiresAt());
        ApiKeyView v = created.apiKey();
        return ResponseEntity.created(URI.create("/api/v1/tenants/" + ctx.tenantId() + "/api-keys/" + v.id()))
                .body(new CreatedKey(
                        v.id(),
                        created.key(),
                        v.tenantId(),
                        v.name(),
                        v.prefix(),
                        v.permissions(),
                        v.state(),
                        v.createdAt(),
                        v.createdBy(),
                        v.createdByName(),
                        v.expiresAt(),
                        v.lastUsedAt(),
                        v.revokedAt()));
    }

    @RequiresPermission(Permission.API_KEY_READ)
    @GetMapping("/{id}")
    @Operation(summary = "One API key (never its secret)")
    ApiKeyView get(TenantContext ctx, @PathVariable UUID id) {
        return keys.find(ctx.user(), ctx.tenantId(), id);
    }

    @RequiresPermission(Permission.API_KEY_WRITE)
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Revoke an API key; it stops working at once. Revoking twice is fine.")
    void revoke(TenantContext ctx, @PathVariable UUID id) {
        keys.revoke(ctx, ctx.tenantId(), id);
    }

    @Schema(name = "ApiKeyCreateRequest")
    record CreateRequest(
            @NotBlank @Size(max = 100) String name,
            @Size(max = 50) List<String> permissions,
            Instant expiresAt) {}

    /** The created key: {@link ApiKeyView}'s fields plus {@code key}, the secret, shown this once. */
    record CreatedKey(
            UUID id,
            String key,
            UUID tenantId,
            String name,
            String prefix,
            List<String> permissions,
            String state,
            Instant createdAt,
            UUID createdBy,
            String createdByName,
            Instant expiresAt,
            Instant lastUsedAt,
            Instant revokedAt) {}
}
