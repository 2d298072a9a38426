package io.tenantra.compliance.scoring;

import java.util.Objects;
import java.util.UUID;

/** A tenant's standing in one framework from its own assets, without and with exceptions. */
public record TenantFrameworkScore(UUID tenantId, String frameworkId, RollUp withoutExceptions, RollUp withExceptions) {

    public TenantFrameworkScore {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(frameworkId, "frameworkId");
        Objects.requireNonNull(withoutExceptions, "withoutExceptions");
        Objects.requireNonNull(withExceptions, "withExceptions");
    }

    public int assets() {
        return withoutExceptions.assets();
    }
}
