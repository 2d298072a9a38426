package io.tenantra.compliance.scoring;

import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/** The asset being scored as exceptions see it: its tenant, its id and its tags. */
public record ScoredAsset(UUID tenantId, UUID assetId, Map<String, String> tags) {

    public ScoredAsset {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(assetId, "assetId");
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }
}
