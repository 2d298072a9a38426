package io.tenantra.tenantadmin;

import io.tenantra.identity.CurrentUser;
import io.tenantra.identity.Permission;
import io.tenantra.identity.TenantAccess;
import io.tenantra.platform.web.ApiException;
import io.tenantra.tenancy.Tenant;
import io.tenantra.tenancy.TenantDiff;
import io.tenantra.tenancy.TenantHierarchy;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Who may change what in the tenant tree. A tenant's own administrators (TENANT_WRITE) change its
 * name, settings and branding; its plan, its status, its place in the tree and its very existence
 * are decided from above, by whoever holds TENANT_CREATE on its parent, because the tenant's own
 * administrators must not be able to upgrade, un-suspend or re-parent themselves.
 */
@Component
class TenantRules {

    private final TenantAccess access;
    private final TenantHierarchy hierarchy;

    TenantRules(TenantAccess access, TenantHierarchy hierarchy) {
        this.access = access;
        this.hierarchy = hierarchy;
    }

    /**
     * For a PATCH by a caller already holding TENANT_WRITE on the tenant: runs on the locked row
     * with the change worked out, before anything is written.
     */
    void checkUpdate(CurrentUser user, TenantDiff diff) {
        Tenant before = diff.before();
        if (!diff.administrative()) {
            return;
        }
        if (!holds(user, before.parentId(), Permission.TENANT_CREATE)) {
            throw ApiException.forbidden("Changing a tenant's plan, status or parent needs the TENANT_CREATE"
                    + " permission on its parent tenant.");
        }
        if (diff.moved()) {
            UUID target = diff.after().parentId();
            if (!access.canSee(user, target)) {
                throw ApiException.notFound("The new parent tenant");
            }
            if (!holds(user, target, Permission.TENANT_CREATE)) {
                throw ApiException.forbidden("Moving a tenant needs the TENANT_CREATE permission on the new parent.");
            }
        }
        if (diff.statusChanged()
                && diff.after().status() == Tenant.Status.SUSPENDED
                && hierarchy.isWithin(user.tenantId(), before.id())) {
            throw ApiException.conflict(
                    "You cannot suspend the tenant you belong to, or one above it:" + " you would lock yourself out.");
        }
    }

    /** For a DELETE: decided from above, like a suspension. */
    void checkDelete(CurrentUser user, Tenant tenant) {
        if (!holds(user, tenant.parentId(), Permission.TENANT_CREATE)) {
            throw ApiException.forbidden("Deleting a tenant needs the TENANT_CREATE permission on its parent tenant.");
        }
    }

    TenantActions actions(CurrentUser user, Tenant tenant) {
        boolean fromAbove = !tenant.isRoot() && holds(user, tenant.parentId(), Permission.TENANT_CREATE);
        return new TenantActions(
                holds(user, tenant.id(), Permission.TENANT_WRITE),
                holds(user, tenant.id(), Permission.TENANT_CREATE),
                fromAbove);
    }

    private boolean holds(CurrentUser user, UUID tenantId, Permission permission) {
        return tenantId != null && access.permissionsOn(user, tenantId).contains(permission);
    }
}
