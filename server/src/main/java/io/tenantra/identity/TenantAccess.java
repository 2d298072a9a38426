package io.tenantra.identity;

import io.tenantra.platform.context.TenantScope;
import io.tenantra.platform.web.ApiException;
import io.tenantra.tenancy.TenantHierarchy;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Decides what a caller may do on which tenant. A binding reaches its tenant, and its whole
 * subtree unless it is "this tenant only". Tenants no binding reaches are invisible: asking
 * about them answers 404 exactly as for a tenant that does not exist.
 */
@Component
public class TenantAccess {

    private final TenantHierarchy hierarchy;

    TenantAccess(TenantHierarchy hierarchy) {
        this.hierarchy = hierarchy;
    }

    /** The permissions {@code user} holds on {@code tenantId} (empty when the tenant is invisible). */
    public Set<Permission> permissionsOn(CurrentUser user, UUID tenantId) {
        Set<Permission> result = EnumSet.noneOf(Permission.class);
        for (RoleBinding binding : user.bindings()) {
            if (reaches(binding, tenantId)) {
                result.addAll(binding.permissions());
            }
        }
        return result;
    }

    /** Whether any binding of the caller reaches the tenant. */
    public boolean canSee(CurrentUser user, UUID tenantId) {
        if (!hierarchy.exists(tenantId)) {
            return false;
        }
        return user.bindings().stream().anyMatch(b -> reaches(b, tenantId));
    }

    /**
     * The single-tenant scope to work in, after checking the caller may use {@code permission}
     * there: 404 when the tenant is invisible or unknown, 403 when visible but not permitted.
     */
    public TenantScope require(CurrentUser user, UUID tenantId, Permission permission) {
        if (!canSee(user, tenantId)) {
            throw ApiException.notFound("The tenant");
        }
        if (!permissionsOn(user, tenantId).contains(permission)) {
            throw new MissingPermission(permission, "You lack the " + permission + " permission on this tenant.");
        }
        return TenantScope.of(tenantId);
    }

    /** Every tenant on which the caller holds {@code permission}, parents before children. */
    public Set<UUID> tenantsWith(CurrentUser user, Permission permission) {
        Set<UUID> result = new LinkedHashSet<>();
        for (RoleBinding binding : user.bindings()) {
            if (!binding.permissions().contains(permission) || !hierarchy.exists(binding.tenantId())) {
                continue;
            }
            if (binding.subtree()) {
                result.addAll(hierarchy.subtree(binding.tenantId()));
            } else {
                result.add(binding.tenantId());
            }
        }
        return result;
    }

    /** Every tenant some binding of the caller reaches. */
    public Set<UUID> visibleTenants(CurrentUser user) {
        Set<UUID> result = new LinkedHashSet<>();
        for (RoleBinding binding : user.bindings()) {
            if (!hierarchy.exists(binding.tenantId())) {
                continue;
            }
            if (binding.subtree()) {
                result.addAll(hierarchy.subtree(binding.tenantId()));
            } else {
                result.add(binding.tenantId());
            }
        }
        return result;
    }

    private boolean reaches(RoleBinding binding, UUID tenantId) {
        return binding.subtree()
                ? hierarchy.isWithin(tenantId, binding.tenantId())
                : binding.tenantId().equals(tenantId);
    }
}
