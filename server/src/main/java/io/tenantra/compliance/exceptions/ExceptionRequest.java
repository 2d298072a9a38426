package io.tenantra.compliance.exceptions;

import java.time.Instant;
import java.util.UUID;

/**
 * What a requester asks for, as received (validated by {@link ComplianceExceptions#request}).
 *
 * @param scope {@code asset} (with {@code assetId}), {@code tag} (with {@code tagKey} and
 *     {@code tagValue}) or {@code tenant}
 * @param kind {@code ACCEPT} or {@code OVERRIDE}
 * @param overrideTo {@code PASS} or {@code FAIL} for an override; absent for an accept
 */
public record ExceptionRequest(
        String checkId,
        String scope,
        UUID assetId,
        String tagKey,
        String tagValue,
        String kind,
        String overrideTo,
        String reason,
        Instant expiresAt) {}
