package io.tenantra.useradmin;

import io.tenantra.identity.BuiltInRole;
import io.tenantra.identity.CurrentUser;
import io.tenantra.identity.Permission;
import io.tenantra.identity.RoleBinding;
import io.tenantra.identity.TenantAccess;
import io.tenantra.platform.web.ApiException;
import io.tenantra.tenancy.TenantHierarchy;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Nobody hands out, takes away or redefines power they do not hold themselves. Reach counts as
 * well as permissions: a grant that extends to a tenant's whole subtree needs the caller to hold
 * those permissions on the whole subtree, not just on the tenant (a "this tenant only" admin
 * could otherwise create admins of every child tenant).
 */
@Component
class GrantPolicy {

    private final TenantAccess access;
    private final TenantHierarchy hierarchy;

    GrantPolicy(TenantAccess access, TenantHierarchy hierarchy) {
        this.access = access;
        this.hierarchy = hierarchy;
    }

    /** What the caller holds on the tenant itself. */
    Set<Permission> heldOn(CurrentUser caller, UUID tenantId) {
        return access.permissionsOn(caller, tenantId);
    }

    /** What the caller holds on the tenant and every tenant below it, present or future. */
    Set<Permission> heldThroughout(CurrentUser caller, UUID tenantId) {
        Set<Permission> held = EnumSet.noneOf(Permission.class);
        for (RoleBinding binding : caller.bindings()) {
            if (binding.subtree() && hierarchy.isWithin(tenantId, binding.tenantId())) {
                held.addAll(binding.permissions());
            }
        }
        return held;
    }

    /**
     * 403 unless the caller may bind (or unbind) {@code role} on the tenant with this reach; 422
     * for SUPER_ADMIN anywhere but the root tenant.
     */
    void checkGrant(
            CurrentUser caller, UUID tenantId, UUID rootId, RoleCatalog.Resolved role, boolean subtree, String field) {
        if (role.builtIn() == BuiltInRole.SUPER_ADMIN) {
            if (!tenantId.equals(rootId)) {
                throw ApiException.invalid(field, "SUPER_ADMIN can only be bound on the root tenant");
            }
            if (!heldThroughout(caller, rootId).contains(Permission.PLATFORM_ADMIN)) {
                throw ApiException.forbidden("Only a SUPER_ADMIN can grant or revoke SUPER_ADMIN.");
            }
        }
        Set<Permission> held = subtree ? heldThroughout(caller, tenantId) : heldOn(caller, tenantId);
        Set<Permission> missing = missing(role.permissions(), held);
        if (!missing.isEmpty()) {
            throw ApiException.forbidden("You cannot grant or revoke the role " + role.name()
                    + (subtree ? " on this tenant and the tenants below it" : " on this tenant")
                    + ": it carries permissions you do not hold there " + missing + ".");
        }
    }

    /**
     * 403 unless, wherever the target user holds a role, the caller holds every permission it
     * carries with at least the same reach. Without this an ADMIN of a customer could change the
     * e-mail address of, deactivate or delete a more powerful user homed in that customer.
     */
    void checkMayManage(CurrentUser caller, List<RoleBinding> targetBindings) {
        Set<Permission> missing = EnumSet.noneOf(Permission.class);
        for (RoleBinding binding : targetBindings) {
            Set<Permission> held =
                    binding.subtree() ? heldThroughout(caller, binding.tenantId()) : heldOn(caller, binding.tenantId());
            missing.addAll(missing(binding.permissions(), held));
        }
        if (!missing.isEmpty()) {
            throw ApiException.forbidden("This user holds permissions you do not have " + missing
                    + "; only someone who holds them can change or remove this user.");
        }
    }

    /**
     * 403 unless the caller holds every permission a custom role defined on the tenant carries;
     * {@code throughout} when the definition already applies to bindings below the tenant.
     */
    void checkDefine(CurrentUser caller, UUID tenantId, Set<Permission> permissions, boolean throughout) {
        Set<Permission> held = throughout ? heldThroughout(caller, tenantId) : heldOn(caller, tenantId);
        Set<Permission> missing = missing(permissions, held);
        if (!missing.isEmpty()) {
            throw ApiException.forbidden("A role you define or change can only carry permissions you hold"
                    + (throughout ? " on this tenant and every tenant below it" : " on this tenant")
                    + "; you lack " + missing + ".");
        }
    }

    private static Set<Permission> missing(Set<Permission> needed, Set<Permission> held) {
        Set<Permission> missing = EnumSet.noneOf(Permission.class);
        missing.addAll(needed);
        missing.removeAll(held);
        return missing;
    }
}
