package io.tenantra.compliance.exceptions;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An exception as the API and the console show it, with its state at the moment it was read and,
 * when asked for one exception, its history.
 *
 * @param scope {@code asset}, {@code tag} or {@code tenant}
 * @param kind {@code ACCEPT} (a failing result counts as excepted) or {@code OVERRIDE} (a
 *     not-applicable result counts as {@code overrideTo})
 * @param state {@code pending}, {@code approved}, {@code rejected}, {@code revoked} or
 *     {@code expired}
 * @param history every step, oldest first; null in lists
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExceptionView(
        UUID id,
        UUID tenantId,
        String checkId,
        String scope,
        UUID assetId,
        String tagKey,
        String tagValue,
        String kind,
        String overrideTo,
        String reason,
        Instant expiresAt,
        String state,
        Instant requestedAt,
        UUID requestedById,
        String requestedBy,
        Instant decidedAt,
        String decidedBy,
        Instant revokedAt,
        String revokedBy,
        List<HistoryEntry> history) {

    /** One step of an exception's life. */
    public record HistoryEntry(String action, Instant at, String actor, String note) {}

    ExceptionView withHistory(List<HistoryEntry> entries) {
        return new ExceptionView(
                id,
                tenantId,
                checkId,
                scope,
                assetId,
                tagKey,
                tagValue,
                kind,
                overrideTo,
                reason,
                expiresAt,
                state,
                requestedAt,
                requestedById,
                requestedBy,
                decidedAt,
                decidedBy,
                revokedAt,
                revokedBy,
                List.copyOf(entries));
    }
}
