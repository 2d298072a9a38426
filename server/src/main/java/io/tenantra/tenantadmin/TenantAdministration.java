package io.tenantra.tenantadmin;

import io.tenantra.identity.CurrentUser;
import io.tenantra.identity.Permission;
import io.tenantra.identity.TenantAccess;
import io.tenantra.identity.TenantContext;
import io.tenantra.platform.audit.AuditAction;
import io.tenantra.platform.audit.AuditEvent;
import io.tenantra.platform.audit.AuditEvents;
import io.tenantra.platform.context.TenantScope;
import io.tenantra.platform.web.ApiException;
import io.tenantra.platform.web.Cursors;
import io.tenantra.platform.web.PageResponse;
import io.tenantra.platform.web.ProblemType;
import io.tenantra.tenancy.NewTenant;
import io.tenantra.tenancy.Tenant;
import io.tenantra.tenancy.TenantChanges;
import io.tenantra.tenancy.TenantDirectory;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.stereotype.Service;

/**
 * The tenant administration use cases, for the API and the console alike: every method checks the
 * caller's access itself, so no entry point can forget to. Refusals for lack of permission are
 * audited as {@code access.denied}.
 */
@Service
public class TenantAdministration {

    private final TenantDirectory tenants;
    private final TenantAccess access;
    private final TenantRules rules;
    private final AuditEvents audit;

    TenantAdministration(TenantDirectory tenants, TenantAccess access, TenantRules rules, AuditEvents audit) {
        this.tenants = tenants;
        this.access = access;
        this.rules = rules;
        this.audit = audit;
    }

    /**
     * The tenants the caller may read (TENANT_READ), in slug order, one page at a time; with
     * {@code parentId}, only that tenant's children.
     */
    public PageResponse<Tenant> list(TenantContext caller, UUID parentId, String cursor, int limit) {
        if (limit < 1 || limit > Cursors.MAX_LIMIT) {
            throw ApiException.invalid("limit", "must be between 1 and " + Cursors.MAX_LIMIT);
        }
        String afterSlug = cursor == null ? null : Cursors.decode(cursor, 1).get(0);
        Set<UUID> readable = access.tenantsWith(caller.user(), Permission.TENANT_READ);
        if (readable.isEmpty()) {
            return new PageResponse<>(List.of(), null);
        }
        List<Tenant> page = tenants.page(TenantScope.of(readable), parentId, afterSlug, limit + 1);
        if (page.size() <= limit) {
            return new PageResponse<>(page, null);
        }
        List<Tenant> items = page.subList(0, limit);
        return new PageResponse<>(items, Cursors.encode(items.get(limit - 1).slug()));
    }

    /** Every tenant the caller may read, by name: the console's tree. */
    public List<Tenant> readable(CurrentUser user) {
        Set<UUID> readable = access.tenantsWith(user, Permission.TENANT_READ);
        return readable.isEmpty() ? List.of() : tenants.visible(TenantScope.of(readable));
    }

    /**
     * One page of the tenants the caller may read, searched and sorted in the database (see
     * {@link TenantDirectory#search}); the console's tenants table.
     */
    public TenantDirectory.Found search(
            CurrentUser user, String q, String sort, boolean descending, int limit, long offset) {
        Set<UUID> readable = access.tenantsWith(user, Permission.TENANT_READ);
        return readable.isEmpty()
                ? new TenantDirectory.Found(List.of(), 0)
                : tenants.search(TenantScope.of(readable), q, sort, descending, limit, offset);
    }

    public Tenant get(TenantContext caller, UUID tenantId) {
        TenantScope scope = denialsAudited(
                caller, tenantId, "tenant.read", () -> access.require(caller.user(), tenantId, Permission.TENANT_READ));
        return tenants.find(scope, tenantId).orElseThrow(() -> ApiException.notFound("The tenant"));
    }

    /** What the caller may do with a tenant they can read. */
    public TenantActions actions(CurrentUser user, Tenant tenant) {
        return rules.actions(user, tenant);
    }

    /** Creates a tenant below {@code spec.parentId()}, which needs TENANT_CREATE there. */
    public Tenant create(TenantContext caller, NewTenant spec) {
        if (spec.parentId() != null) {
            denialsAudited(
                    caller,
                    spec.parentId(),
                    "tenant.create",
                    () -> access.require(caller.user(), spec.parentId(), Permission.TENANT_CREATE));
        }
        return tenants.create(caller.call(), spec);
    }

    public Tenant update(TenantContext caller, UUID tenantId, TenantChanges changes) {
        return denialsAudited(caller, tenantId, "tenant.update", () -> {
            access.require(caller.user(), tenantId, Permission.TENANT_WRITE);
            return tenants.update(caller.call(), tenantId, changes, diff -> rules.checkUpdate(caller.user(), diff));
        });
    }

    /** Suspends or reactivates a tenant: a PATCH of its status alone. */
    public Tenant changeStatus(TenantContext caller, UUID tenantId, Tenant.Status status) {
        return update(caller, tenantId, new TenantChanges(null, null, status, null, null, null));
    }

    public void delete(TenantContext caller, UUID tenantId) {
        denialsAudited(caller, tenantId, "tenant.delete", () -> {
            access.require(caller.user(), tenantId, Permission.TENANT_READ);
            tenants.delete(caller.call(), tenantId, tenant -> rules.checkDelete(caller.user(), tenant));
            return null;
        });
    }

    // Published after the refused transaction has rolled back, so the record of the refusal survives it.
    private <T> T denialsAudited(TenantContext caller, UUID tenantId, String attempted, Supplier<T> work) {
        try {
            return work.get();
        } catch (ApiException e) {
            if (e.type() == ProblemType.FORBIDDEN) {
                audit.happened(
                        caller.call().onTenant(tenantId),
                        AuditAction.ACCESS_DENIED,
                        "tenant",
                        tenantId,
                        Map.of("attempted", attempted, "reason", e.getMessage()),
                        AuditEvent.Outcome.DENIED);
            }
            throw e;
        }
    }
}
