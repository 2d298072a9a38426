package io.tenantra.useradmin;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A user as the user administration API returns it. Never carries a password or its hash.
 *
 * @param roles the user's role bindings on {@code tenantId} (bindings elsewhere are not listed)
 */
public record UserAccount(
        UUID id,
        UUID tenantId,
        String username,
        String email,
        String displayName,
        boolean active,
        List<RoleGrant> roles,
        Instant createdAt,
        UUID createdBy,
        Instant modifiedAt,
        UUID modifiedBy) {

    public UserAccount {
        roles = List.copyOf(roles);
    }
}
