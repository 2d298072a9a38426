package io.tenantra.identity;

import static io.tenantra.identity.Permission.*;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** The roles every tenant has. Their permission sets are part of the documented contract. */
public enum BuiltInRole {
    /** The platform operator: everything, everywhere. */
    SUPER_ADMIN(EnumSet.allOf(Permission.class)),
    /** Runs a tenant and its customers: everything below the platform level, plus impersonation. */
    MSP_ADMIN(EnumSet.complementOf(EnumSet.of(PLATFORM_ADMIN))),
    /** Runs one tenant (and its sites): users, roles, keys, agents, scans, settings. */
    ADMIN(EnumSet.complementOf(EnumSet.of(PLATFORM_ADMIN, TENANT_CREATE, IMPERSONATE))),
    /** Runs operations: agents and scans; reads users and roles. The audit trail is for admins. */
    MANAGER(EnumSet.of(
            TENANT_READ,
            USER_READ,
            ROLE_READ,
            AGENT_READ,
            AGENT_WRITE,
            SCAN_READ,
            SCAN_WRITE,
            COMPLIANCE_READ,
            COMPLIANCE_WRITE,
            COMPLIANCE_EXCEPTION_REQUEST)),
    /** Investigates: reads agents and results, starts scans. */
    ANALYST(EnumSet.of(TENANT_READ, AGENT_READ, SCAN_READ, SCAN_WRITE, COMPLIANCE_READ, COMPLIANCE_EXCEPTION_REQUEST)),
    /** Looks, never touches. */
    READONLY(EnumSet.of(TENANT_READ, AGENT_READ, SCAN_READ, COMPLIANCE_READ)),
    /** Sees usage and bills. */
    BILLING_VIEWER(EnumSet.of(TENANT_READ, BILLING_READ));

    private final Set<Permission> permissions;

    BuiltInRole(Set<Permission> permissions) {
        this.permissions = Set.copyOf(permissions);
    }

    public Set<Permission> permissions() {
        return permissions;
    }

    public static Optional<BuiltInRole> find(String name) {
        for (BuiltInRole role : values()) {
            if (role.name().equals(name)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
