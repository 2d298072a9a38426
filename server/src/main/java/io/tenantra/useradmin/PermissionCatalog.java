package io.tenantra.useradmin;

import io.tenantra.identity.BuiltInRole;
import io.tenantra.identity.Permission;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One-line descriptions of every permission and built-in role, for {@code GET /api/v1/permissions},
 * the console and the documentation. Kept apart from {@link Permission} and {@link BuiltInRole} so
 * that wording can change without touching the names, which are stored and must stay stable.
 */
public final class PermissionCatalog {

    private static final Map<Permission, String> PERMISSIONS = new EnumMap<>(Map.ofEntries(
            Map.entry(
                    Permission.PLATFORM_ADMIN, "Operate the platform itself: signing keys and platform-wide settings."),
            Map.entry(
                    Permission.TENANT_CREATE, "Create child tenants; move, suspend, re-plan or delete tenants below."),
            Map.entry(Permission.TENANT_READ, "See tenants, their plans and settings."),
            Map.entry(Permission.TENANT_WRITE, "Change a tenant's name, settings and branding."),
            Map.entry(Permission.IMPERSONATE, "Act as another user of a visible tenant for a bounded time."),
            Map.entry(Permission.USER_READ, "List and view users and their roles."),
            Map.entry(Permission.USER_WRITE, "Create, change, deactivate and delete users and grant them roles."),
            Map.entry(Permission.ROLE_READ, "List and view roles and their permissions."),
            Map.entry(Permission.ROLE_WRITE, "Define, change and delete custom roles."),
            Map.entry(Permission.API_KEY_READ, "List and view API keys (never their secrets)."),
            Map.entry(Permission.API_KEY_WRITE, "Create and revoke API keys."),
            Map.entry(Permission.AUDIT_READ, "Read the audit trail."),
            Map.entry(Permission.AGENT_READ, "See enrolled agents and their status."),
            Map.entry(Permission.AGENT_WRITE, "Enroll, configure and remove agents; manage enrollment tokens."),
            Map.entry(
                    Permission.AGENTS_SENSITIVE_READ,
                    "Read process command lines and other sensitive collected values unredacted."),
            Map.entry(Permission.SCAN_READ, "See scans, results and findings."),
            Map.entry(Permission.SCAN_WRITE, "Start, schedule and cancel scans."),
            Map.entry(Permission.COMPLIANCE_READ, "See compliance results, scores, evidence, exceptions and content."),
            Map.entry(Permission.COMPLIANCE_WRITE, "Enable frameworks and policies; import and export content."),
            Map.entry(Permission.COMPLIANCE_EXCEPTION_REQUEST, "Request exceptions to failing checks."),
            Map.entry(
                    Permission.COMPLIANCE_EXCEPTION_APPROVE,
                    "Approve, reject or revoke exceptions requested by others."),
            Map.entry(Permission.COMPLIANCE_COMMANDS_ENABLE, "Let imported content run commands on endpoints."),
            Map.entry(Permission.BILLING_READ, "See usage and bills.")));

    private static final Map<BuiltInRole, String> ROLES = new EnumMap<>(Map.of(
            BuiltInRole.SUPER_ADMIN,
                    "The platform operator: every permission, everywhere. Bound on the root tenant only.",
            BuiltInRole.MSP_ADMIN,
                    "Runs a tenant and its customers: everything below the platform level, plus impersonation.",
            BuiltInRole.ADMIN, "Runs one tenant (and its sites): users, roles, keys, agents, scans, settings.",
            BuiltInRole.MANAGER,
                    "Runs operations: agents and scans; reads users and roles (the audit trail is for admins).",
            BuiltInRole.ANALYST, "Investigates: reads agents and results, starts scans.",
            BuiltInRole.READONLY, "Looks, never touches.",
            BuiltInRole.BILLING_VIEWER, "Sees usage and bills."));

    private PermissionCatalog() {}

    public static String describe(Permission permission) {
        return PERMISSIONS.get(permission);
    }

    public static String describe(BuiltInRole role) {
        return ROLES.get(role);
    }

    /** Every permission with its description, in declaration order. */
    public static List<PermissionInfo> permissions() {
        return Arrays.stream(Permission.values())
                .map(p -> new PermissionInfo(p.name(), describe(p)))
                .toList();
    }

    /** A permission as the API lists it. */
    public record PermissionInfo(String name, String description) {}
}
