package io.tenantra.identity;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tenantra.database.TenantTransactions;
import io.tenantra.platform.audit.AuditAction;
import io.tenantra.platform.audit.AuditEvents;
import io.tenantra.platform.context.TenantScope;
import io.tenantra.tenancy.TenantDirectory;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Platform operation on the keys that sign access tokens: list them and rotate. Rotation is
 * seamless: the new key signs from now on, the previous ones keep verifying tokens already issued
 * until they age out, and other nodes pick the new key up on their next unknown-key lookup.
 */
@RestController
@RequestMapping(path = "/api/v1/platform/signing-keys", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Platform")
class SigningKeyController {

    private final SigningKeys keys;
    private final TenantAccess access;
    private final TenantDirectory tenants;
    private final TenantTransactions tx;
    private final AuditEvents audit;

    SigningKeyController(
            SigningKeys keys, TenantAccess access, TenantDirectory tenants, TenantTransactions tx, AuditEvents audit) {
        this.keys = keys;
        this.access = access;
        this.tenants = tenants;
        this.tx = tx;
        this.audit = audit;
    }

    @RequiresPermission(Permission.PLATFORM_ADMIN)
    @GetMapping
    @Operation(summary = "The token signing keys that may still verify a token, newest first")
    List<KeyView> list(@AuthenticationPrincipal CurrentUser user) {
        requirePlatformAdmin(user);
        keys.current();
        return keys.reload().stream()
                .sorted(Comparator.comparing(SigningKeys.StoredKey::createdAt).reversed())
                .map(k -> new KeyView(k.key().getKeyID(), "ES256", k.createdAt(), k.retiredAt()))
                .toList();
    }

    @RequiresPermission(Permission.PLATFORM_ADMIN)
    @PostMapping("/rotate")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Start signing with a new key; the previous keys keep verifying until they age out")
    KeyView rotate(TenantContext caller) {
        TenantScope root = requirePlatformAdmin(caller.user());
        java.util.UUID rootId = root.tenantIds().iterator().next();
        return tx.write(root, () -> {
            var key = keys.rotate();
            audit.changed(
                    caller.call(),
                    rootId,
                    AuditAction.SIGNINGKEY_ROTATE,
                    "signing_key",
                    key.getKeyID(),
                    Map.of("algorithm", "ES256"));
            return keys.reload().stream()
                    .filter(k -> k.key().getKeyID().equals(key.getKeyID()))
                    .map(k -> new KeyView(k.key().getKeyID(), "ES256", k.createdAt(), k.retiredAt()))
                    .findFirst()
                    .orElseThrow();
        });
    }

    // Only the root tenant's super admins operate the platform, wherever else PLATFORM_ADMIN shows up.
    private TenantScope requirePlatformAdmin(CurrentUser user) {
        return access.require(user, tenants.rootTenantId().orElseThrow(), Permission.PLATFORM_ADMIN);
    }

    record KeyView(String kid, String algorithm, Instant createdAt, Instant retiredAt) {}
}
