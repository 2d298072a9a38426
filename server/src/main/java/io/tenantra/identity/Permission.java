package io.tenantra.identity;

/**
 * Every permission an endpoint can require. Roles are sets of these; API keys carry a subset of
 * their creator's. A permission held through a binding on a tenant applies to that tenant, and to
 * its whole subtree unless the binding says "this tenant only". Documented in
 * {@code docs/security.md}; never rename one (custom roles store them by name).
 */
public enum Permission {
    /** Platform operation: signing keys, platform-wide settings. Only the root tenant's super admins. */
    PLATFORM_ADMIN,
    /** Create child tenants, and move, suspend, re-plan or delete tenants below this one. */
    TENANT_CREATE,
    TENANT_READ,
    /** Change a tenant's name, settings and branding. */
    TENANT_WRITE,
    /** Act as another user of a visible tenant for a bounded time. */
    IMPERSONATE,
    USER_READ,
    USER_WRITE,
    ROLE_READ,
    ROLE_WRITE,
    API_KEY_READ,
    API_KEY_WRITE,
    AUDIT_READ,
    AGENT_READ,
    AGENT_WRITE,
    /**
     * Read process command lines and other sensitive collected values unredacted; without it
     * values after {@code password=}, {@code token=} and the like are shown as a mask.
     */
    AGENTS_SENSITIVE_READ,
    SCAN_READ,
    SCAN_WRITE,
    /** See compliance results, scores, evidence, exceptions and the content libraries. */
    COMPLIANCE_READ,
    /** Enable frameworks and policies for a tenant, import and export content. */
    COMPLIANCE_WRITE,
    /** Ask for an exception to a failing check (someone else approves it). */
    COMPLIANCE_EXCEPTION_REQUEST,
    /** Approve, reject or revoke exceptions requested by others. */
    COMPLIANCE_EXCEPTION_APPROVE,
    /** Let imported content run commands on a tenant's endpoints (dedicated, audited). */
    COMPLIANCE_COMMANDS_ENABLE,
    BILLING_READ;

    /** The Spring Security authority that stands for this permission. */
    public String authority() {
        return "PERM_" + name();
    }
}
