package io.tenantra.identity;

/**
 * Every permission an endpoint can require. Roles are sets of these; API keys carry a subset of
 * their creator's. Documented in {@code docs/security.md}.
 */
public enum Permission {
    PLATFORM_ADMIN,
    TENANT_READ,
    TENANT_WRITE,
    USER_READ,
    USER_WRITE,
    ROLE_READ,
    ROLE_WRITE,
    API_KEY_READ,
    API_KEY_WRITE,
    AUDIT_READ,
    AGENT_READ,
    AGENT_WRITE,
    SCAN_READ,
    SCAN_WRITE,
    BILLING_READ;

    /** The Spring Security authority that stands for this permission. */
    public String authority() {
        return "PERM_" + name();
    }
}
