package io.tenantra.compliance.exceptions;

import io.tenantra.compliance.evaluation.Verdict;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One approved, unexpired exception as scoring sees it. Exactly one of {@code assetId},
 * {@code tag} (a {@code key → value} pair of agent tags) or neither (the whole tenant) scopes it.
 *
 * @param kind ACCEPT a failing result, or OVERRIDE a not-applicable result to {@code overrideTo}
 * @param overrideTo PASS or FAIL for OVERRIDE; null for ACCEPT
 */
public record ActiveException(
        UUID id,
        UUID tenantId,
        String checkId,
        UUID assetId,
        Map.Entry<String, String> tag,
        Kind kind,
        Verdict overrideTo,
        String reason,
        Instant expiresAt) {

    public enum Kind {
        ACCEPT,
        OVERRIDE
    }

    /** Whether this exception applies to the given asset's result of the given check. */
    public boolean covers(UUID tenantOfAsset, UUID asset, Map<String, String> assetTags, String check) {
        if (!checkId.equals(check) || !tenantId.equals(tenantOfAsset)) {
            return false;
        }
        if (assetId != null) {
            return assetId.equals(asset);
        }
        if (tag != null) {
            return tag.getValue().equals(assetTags == null ? null : assetTags.get(tag.getKey()));
        }
        return true;
    }
}
