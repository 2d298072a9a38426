package io.tenantra.tenancy;

import io.tenantra.database.TenantTransactions;
import io.tenantra.platform.audit.AuditAction;
import io.tenantra.platform.audit.AuditEvents;
import io.tenantra.platform.context.CallContext;
import io.tenantra.platform.context.TenantScope;
import io.tenantra.platform.web.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;

/**
 * Deleting a tenant, which is only possible while it is empty: no children, no data (see
 * {@link TenantContents}). Holding the row lock also blocks new children and new users, whose
 * foreign keys must lock the tenant row, until the deletion is done.
 */
@Component
class TenantDeletion {

    private final TenantRepository tenants;
    private final TenantContents contents;
    private final TenantTransactions tx;
    private final TenantHierarchy hierarchy;
    private final AuditEvents audit;

    TenantDeletion(
            TenantRepository tenants,
            TenantContents contents,
            TenantTransactions tx,
            TenantHierarchy hierarchy,
            AuditEvents audit) {
        this.tenants = tenants;
        this.contents = contents;
        this.tx = tx;
        this.hierarchy = hierarchy;
        this.audit = audit;
    }

    void delete(CallContext call, UUID tenantId, Consumer<Tenant> authorize) {
        if (!hierarchy.exists(tenantId)) {
            throw ApiException.notFound("The tenant");
        }
        UUID parentId = hierarchy.parentOf(tenantId).orElse(null);
        if (parentId == null) {
            throw ApiException.conflict("The root tenant cannot be deleted.");
        }
        // The deletion is recorded in the parent's trail (the tenant's own ends with it), so the
        // transaction sees the parent as well.
        tx.write(TenantScope.of(Set.of(tenantId, parentId)), () -> {
            Tenant tenant = tenants.findForUpdate(tenantId).orElseThrow(() -> ApiException.notFound("The tenant"));
            if (!Objects.equals(tenant.parentId(), parentId)) {
                throw ApiException.conflict("The tenant was moved while it was being deleted; try again.");
            }
            authorize.accept(tenant);
            List<String> blockers = new ArrayList<>();
            long children = tenants.childCount(tenantId);
            if (children > 0) {
                blockers.add(children + (children == 1 ? " child tenant" : " child tenants"));
            }
            blockers.addAll(contents.describe(tenantId));
            if (!blockers.isEmpty()) {
                throw ApiException.conflict("The tenant still has " + String.join(", ", blockers)
                        + ". Delete or move those first, or suspend the tenant instead (PATCH status SUSPENDED),"
                        + " which locks its users out and keeps its data.");
            }
            try {
                tenants.delete(tenantId);
            } catch (DataIntegrityViolationException e) {
                throw ApiException.conflict("The tenant still holds data that must be removed first;"
                        + " suspend the tenant instead (PATCH status SUSPENDED) to lock its users out.");
            }
            audit.changed(
                    call,
                    parentId,
                    AuditAction.TENANT_DELETE,
                    "tenant",
                    tenantId,
                    Map.of("name", tenant.name(), "slug", tenant.slug()));
            TenantWrites.invalidateAfterCommit(hierarchy);
            return null;
        });
    }
}
