package io.tenantra.identity;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tenantra.database.TenantScope;
import io.tenantra.database.TenantTransactions;
import io.tenantra.platform.web.ApiException;
import io.tenantra.platform.web.AuthenticatedEndpoint;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/v1/me", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Profile")
class MeController {

    private final UserRepository users;
    private final TenantTransactions tx;

    MeController(UserRepository users, TenantTransactions tx) {
        this.users = users;
        this.tx = tx;
    }

    @AuthenticatedEndpoint
    @GetMapping
    @Operation(
            summary = "The signed-in identity, its tenant, roles and effective permissions",
            description = "`impersonatedBy` names the real person while impersonating; `apiKeyId` is set when"
                    + " the caller authenticated with an API key (the profile is then the key's creator's).")
    Me me(@AuthenticationPrincipal CurrentUser user, Authentication authentication) {
        // An API key may act on a tenant below its creator's home, where the creator's profile is.
        UUID home = authentication instanceof ApiKeyAuthentication key ? key.creatorTenantId() : user.tenantId();
        var row = tx.read(TenantScope.of(home), () -> users.find(home, user.userId()))
                .orElseThrow(() -> ApiException.notFound("The user"));
        Set<String> permissions = new TreeSet<>();
        user.permissions().forEach(p -> permissions.add(p.name()));
        return new Me(
                row.id(),
                row.username(),
                row.email(),
                row.displayName(),
                row.tenantId(),
                new TreeSet<>(user.roles()),
                permissions,
                user.bindings(),
                user.isImpersonated() ? new Person(user.impersonatorId(), user.impersonatorName()) : null,
                user.apiKeyId());
    }

    /** Someone named in a profile: the real person behind an impersonation. */
    record Person(UUID id, String username) {}

    record Me(
            UUID id,
            String username,
            String email,
            String displayName,
            UUID tenantId,
            Set<String> roles,
            Set<String> permissions,
            List<RoleBinding> bindings,
            Person impersonatedBy,
            UUID apiKeyId) {}
}
