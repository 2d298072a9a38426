package io.tenantra.identity;

import io.tenantra.tenancy.TenantHierarchy;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Answers "does one set of bindings reach at least as far as another?", which both derived
 * credentials need: an API key must never do more than its creator, and an impersonator must
 * already hold everything the person they act as holds. Permissions on a tenant come in two
 * reaches, and they must be kept apart: a subtree binding also covers every descendant, a
 * "this tenant only" binding does not.
 */
@Component
class PermissionReach {

    private final TenantHierarchy hierarchy;

    PermissionReach(TenantHierarchy hierarchy) {
        this.hierarchy = hierarchy;
    }

    /** Permissions {@code bindings} grant on {@code tenantId} and on all of its descendants. */
    Set<Permission> onSubtree(List<RoleBinding> bindings, UUID tenantId) {
        Set<Permission> result = EnumSet.noneOf(Permission.class);
        for (RoleBinding b : bindings) {
            if (b.subtree() && hierarchy.isWithin(tenantId, b.tenantId())) {
                result.addAll(b.permissions());
            }
        }
        return result;
    }

    /** Permissions {@code bindings} grant on {@code tenantId} itself, through any binding. */
    Set<Permission> on(List<RoleBinding> bindings, UUID tenantId) {
        Set<Permission> result = onSubtree(bindings, tenantId);
        for (RoleBinding b : bindings) {
            if (!b.subtree() && b.tenantId().equals(tenantId)) {
                result.addAll(b.permissions());
            }
        }
        return result;
    }

    /**
     * Bindings for a credential derived from {@code holder}'s, anchored on {@code tenantId} and
     * limited to {@code wanted}: what the holder has on the whole subtree becomes a subtree
     * binding, what they have on that tenant alone stays on that tenant alone.
     */
    List<RoleBinding> derive(List<RoleBinding> holder, UUID tenantId, Set<Permission> wanted, String role) {
        Set<Permission> subtree = onSubtree(holder, tenantId);
        subtree.retainAll(wanted);
        Set<Permission> only = on(holder, tenantId);
        only.retainAll(wanted);
        only.removeAll(subtree);
        List<RoleBinding> result = new ArrayList<>(2);
        if (!subtree.isEmpty()) {
            result.add(new RoleBinding(tenantId, role, true, subtree));
        }
        if (!only.isEmpty()) {
            result.add(new RoleBinding(tenantId, role, false, only));
        }
        return result;
    }

    /**
     * Whether {@code holder} already has, everywhere, at least what {@code target} has: every
     * permission of every target binding, with at least the same reach.
     */
    boolean covers(List<RoleBinding> holder, List<RoleBinding> target) {
        for (RoleBinding b : target) {
            if (!hierarchy.exists(b.tenantId())) {
                continue; // a binding on a tenant that is gone reaches nothing
            }
            Set<Permission> held = b.subtree() ? onSubtree(holder, b.tenantId()) : on(holder, b.tenantId());
            if (!held.containsAll(b.permissions())) {
                return false;
            }
        }
        return true;
    }
}
