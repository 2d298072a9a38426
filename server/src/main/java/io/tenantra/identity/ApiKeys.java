package io.tenantra.identity;

import io.tenantra.database.TenantTransactions;
import io.tenantra.platform.audit.AuditAction;
import io.tenantra.platform.audit.AuditEvents;
import io.tenantra.platform.context.TenantScope;
import io.tenantra.platform.web.ApiException;
import io.tenantra.platform.web.Cursors;
import io.tenantra.platform.web.PageResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * Creating, listing and revoking a tenant's API keys: the facade the API and the console share.
 * Every method checks the caller's permission on the tenant itself, so a caller that did not come
 * through {@link PermissionInterceptor} (the console) gets the same answers. Changes take the
 * caller's {@link TenantContext}: the identity decides, the call context is what the audit records.
 */
@Service
public class ApiKeys {

    private final ApiKeyRepository keys;
    private final TenantAccess access;
    private final TenantTransactions tx;
    private final AuditEvents audit;
    private final ApiKeyAuthenticator authenticator;
    private final Clock clock;

    ApiKeys(
            ApiKeyRepository keys,
            TenantAccess access,
            TenantTransactions tx,
            AuditEvents audit,
            ApiKeyAuthenticator authenticator,
            Clock clock) {
        this.keys = keys;
        this.access = access;
        this.tx = tx;
        this.audit = audit;
        this.authenticator = authenticator;
        this.clock = clock;
    }

    /** A new key with its secret: the only time the secret is ever available. */
    public record CreatedApiKey(ApiKeyView apiKey, String key) {}

    public PageResponse<ApiKeyView> list(CurrentUser user, UUID tenantId, Integer limit, String cursor) {
        TenantScope scope = access.require(user, tenantId, Permission.API_KEY_READ);
        int size = Cursors.limit(limit);
        Instant afterAt = null;
        UUID afterId = null;
        if (cursor != null) {
            List<String> parts = Cursors.decode(cursor, 2);
            try {
                afterAt = Instant.parse(parts.get(0));
                afterId = UUID.fromString(parts.get(1));
            } catch (DateTimeParseException | IllegalArgumentException e) {
                throw Cursors.malformed();
            }
        }
        Instant fAt = afterAt;
        UUID fId = afterId;
        List<ApiKeyRepository.ApiKeyRow> rows = tx.read(scope, () -> keys.page(tenantId, fAt, fId, size + 1));
        Instant now = clock.instant();
        List<ApiKeyView> items = new ArrayList<>();
        for (int i = 0; i < Math.min(size, rows.size()); i++) {
            items.add(ApiKeyView.of(rows.get(i), now));
        }
        String next = null;
        if (rows.size() > size) {
            ApiKeyView last = items.get(items.size() - 1);
            next = Cursors.encode(last.createdAt().toString(), last.id().toString());
        }
        return new PageResponse<>(items, next);
    }

    public ApiKeyView find(CurrentUser user, UUID tenantId, UUID id) {
        TenantScope scope = access.require(user, tenantId, Permission.API_KEY_READ);
        return tx.read(scope, () -> keys.find(tenantId, id))
                .map(row -> ApiKeyView.of(row, clock.instant()))
                .orElseThrow(() -> ApiException.notFound("The API key"));
    }

    /** The permissions the caller may put on a key of this tenant (for the console's form). */
    public Set<Permission> grantable(CurrentUser user, UUID tenantId) {
        access.require(user, tenantId, Permission.API_KEY_WRITE);
        return ApiKeyPolicy.grantable(access.permissionsOn(user, tenantId));
    }

    /**
     * Creates a key acting for the caller on {@code tenantId}. {@code permissions} null means
     * everything the caller may grant there; {@code expiresAt} null means it never expires.
     */
    public CreatedApiKey create(
            TenantContext caller, UUID tenantId, String name, List<String> permissions, Instant expiresAt) {
        CurrentUser user = caller.user();
        TenantScope scope = access.require(user, tenantId, Permission.API_KEY_WRITE);
        if (user.isImpersonated()) {
            // A key would outlive the impersonation and act for the impersonated person.
            throw ApiException.forbidden("API keys cannot be created while impersonating.");
        }
        if (user.apiKeyId() != null) {
            throw ApiException.forbidden("API keys cannot create API keys.");
        }
        // Microseconds: what PostgreSQL stores, so cursors built from responses match the rows.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String trimmed = ApiKeyPolicy.name(name);
        Instant expiry = ApiKeyPolicy.expiry(expiresAt, now);
        Set<Permission> granted = ApiKeyPolicy.permissions(permissions, access.permissionsOn(user, tenantId));
        List<String> names = granted.stream().map(Enum::name).sorted().toList();
        for (int attempt = 0; ; attempt++) {
            ApiKeyFormat.Generated generated = ApiKeyFormat.generate();
            ApiKeyRepository.ApiKeyRow row = new ApiKeyRepository.ApiKeyRow(
                    UUID.randomUUID(),
                    tenantId,
                    trimmed,
                    generated.prefix(),
                    names,
                    user.userId(),
                    user.username(),
                    now,
                    expiry,
                    null,
                    null,
                    null);
            try {
                tx.write(scope, () -> {
                    keys.insert(row, ApiKeyFormat.hash(generated.secret()));
                    Map<String, Object> changes = new LinkedHashMap<>();
                    changes.put("name", trimmed);
                    changes.put("prefix", generated.prefix());
                    changes.put("permissions", names);
                    changes.put("expiresAt", expiry == null ? "never" : expiry.toString());
                    audit.changed(caller.call(), tenantId, AuditAction.APIKEY_CREATE, "api_key", row.id(), changes);
                    return null;
                });
                return new CreatedApiKey(ApiKeyView.of(row, now), generated.value());
            } catch (DuplicateKeyException e) {
                if (!String.valueOf(e.getMessage()).contains("api_key_prefix_key") || attempt >= 2) {
                    throw ApiException.conflict("An API key named '" + trimmed + "' already exists on this tenant.");
                }
                // 60 random bits collided: astronomically rare, and a fresh prefix settles it.
            }
        }
    }

    /** Revokes a key; revoking a revoked key changes nothing and succeeds. */
    public void revoke(TenantContext caller, UUID tenantId, UUID id) {
        CurrentUser user = caller.user();
        TenantScope scope = access.require(user, tenantId, Permission.API_KEY_WRITE);
        Instant now = clock.instant();
        tx.write(scope, () -> {
            ApiKeyRepository.ApiKeyRow row =
                    keys.find(tenantId, id).orElseThrow(() -> ApiException.notFound("The API key"));
            if (keys.revoke(tenantId, id, user.userId(), now)) {
                audit.changed(
                        caller.call(),
                        tenantId,
                        AuditAction.APIKEY_REVOKE,
                        "api_key",
                        id,
                        Map.of("name", row.name(), "prefix", row.prefix(), "revokedAt", now.toString()));
            }
            return null;
        });
        // After the commit: this node refuses the key from the next request on.
        authenticator.forget(id);
    }
}
