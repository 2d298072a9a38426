package io.tenantra.tenancy;

import java.time.Instant;
import java.util.UUID;

/** A tenant as other modules and the API see it. */
public record Tenant(
        UUID id,
        UUID parentId,
        String name,
        String slug,
        Plan plan,
        Status status,
        Instant createdAt,
        Instant modifiedAt) {

    public enum Plan {
        FREE,
        BASIC,
        PRO,
        ENTERPRISE
    }

    public enum Status {
        ACTIVE,
        SUSPENDED
    }

    public boolean isRoot() {
        return parentId == null;
    }
}
