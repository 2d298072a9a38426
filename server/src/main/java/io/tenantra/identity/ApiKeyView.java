package io.tenantra.identity;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An API key as the API and the console show it: everything but the secret, which is shown once
 * at creation ({@link ApiKeys.CreatedApiKey}) and never again.
 *
 * @param state {@code ACTIVE}, {@code EXPIRED} or {@code REVOKED}, as of the response
 */
public record ApiKeyView(
        UUID id,
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
        Instant revokedAt) {

    static ApiKeyView of(ApiKeyRepository.ApiKeyRow row, Instant now) {
        String state = row.revokedAt() != null
                ? "REVOKED"
                : row.expiresAt() != null && !row.expiresAt().isAfter(now) ? "EXPIRED" : "ACTIVE";
        return new ApiKeyView(
                row.id(),
                row.tenantId(),
                row.name(),
                row.prefix(),
                row.permissions(),
                state,
                row.createdAt(),
                row.createdBy(),
                row.createdByName(),
                row.expiresAt(),
                row.lastUsedAt(),
                row.revokedAt());
    }
}
