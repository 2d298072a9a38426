package io.tenantra.agents;

import io.tenantra.platform.context.TenantScope;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Which agents a blackout (maintenance) window keeps out of scans at a given moment. The scheduling
 * module implements it; {@link Scans} asks every implementation before it creates a scan's jobs
 * and leaves the agents it names out, unless the caller overrides the blackout explicitly (which
 * is audited). Without an implementation nothing is left out.
 */
public interface ScanBlackouts {

    /** The agents of {@code tenantId} in a blackout window at {@code at}. */
    Exclusion at(TenantScope scope, UUID tenantId, Instant at);

    /**
     * What is blacked out: the whole tenant, or the agents carrying any of {@code tags} (each map
     * one key and value).
     *
     * @param windows the names of the windows in force, for messages and the audit trail
     */
    record Exclusion(boolean wholeTenant, List<Map<String, String>> tags, List<String> windows) {

        public static final Exclusion NONE = new Exclusion(false, List.of(), List.of());

        public Exclusion {
            tags = List.copyOf(tags);
            windows = List.copyOf(windows);
        }

        public boolean excludesAnything() {
            return wholeTenant || !tags.isEmpty();
        }
    }
}
