package io.tenantra.compliance.scoring;

import java.util.Objects;
import java.util.UUID;

/**
 * An MSP subtree's standing in one framework: the tenants' roll-ups added together, so each
 * tenant weighs by its number of (scored) assets and a large customer moves the number more than a
 * small one. {@code meanScore} is then the mean over every scored asset of the subtree.
 */
public record SubtreeFrameworkScore(
        UUID rootTenantId, String frameworkId, int tenants, RollUp withoutExceptions, RollUp withExceptions) {

    public SubtreeFrameworkScore {
        Objects.requireNonNull(rootTenantId, "rootTenantId");
        Objects.requireNonNull(frameworkId, "frameworkId");
        Objects.requireNonNull(withoutExceptions, "withoutExceptions");
        Objects.requireNonNull(withExceptions, "withExceptions");
    }

    public int assets() {
        return withoutExceptions.assets();
    }
}
