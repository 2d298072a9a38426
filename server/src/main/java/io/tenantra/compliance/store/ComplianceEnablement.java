package io.tenantra.compliance.store;

import io.tenantra.database.TenantTransactions;
import io.tenantra.platform.audit.AuditAction;
import io.tenantra.platform.audit.AuditEvents;
import io.tenantra.platform.context.CallContext;
import io.tenantra.platform.context.TenantScope;
import io.tenantra.tenancy.TenantDirectory;
import io.tenantra.tenancy.TenantHierarchy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Per-tenant enablement of frameworks and built-in policies, inherited down the tenant tree: a
 * tenant's own non-null list wins, otherwise its parent's effective one applies (ADR-free rule
 * the same as the MSP's: an MSP decides for its customers unless a customer decides for itself).
 * Reading an ancestor's choice crosses into tenants the caller may not see, but only to compute
 * this tenant's effective value, the way {@code mfaRequired} is resolved.
 */
@Service
public class ComplianceEnablement {

    private final EnablementRows rows;
    private final TenantTransactions tx;
    private final TenantHierarchy hierarchy;
    private final TenantDirectory tenants;
    private final AuditEvents audit;

    ComplianceEnablement(
            EnablementRows rows,
            TenantTransactions tx,
            TenantHierarchy hierarchy,
            TenantDirectory tenants,
            AuditEvents audit) {
        this.rows = rows;
        this.tx = tx;
        this.hierarchy = hierarchy;
        this.tenants = tenants;
        this.audit = audit;
    }

    /** What compliance evaluates for {@code tenantId}, resolved up the tree. */
    public Enablement effective(UUID tenantId) {
        List<UUID> chain = new ArrayList<>();
        for (UUID at = tenantId;
                at != null && !chain.contains(at);
                at = hierarchy.parentOf(at).orElse(null)) {
            chain.add(at);
        }
        Map<UUID, EnablementRows.OwnEnablement> own = tx.read(TenantScope.of(chain), () -> rows.of(chain));
        List<String> frameworks = null;
        UUID frameworksFrom = null;
        List<String> policies = null;
        UUID policiesFrom = null;
        for (UUID at : chain) {
            EnablementRows.OwnEnablement row = own.getOrDefault(at, EnablementRows.OwnEnablement.INHERIT);
            if (frameworksFrom == null && row.frameworks() != null) {
                frameworks = row.frameworks();
                frameworksFrom = at;
            }
            if (policiesFrom == null && row.policies() != null) {
                policies = row.policies();
                policiesFrom = at;
            }
        }
        List<String> modules = tenants.settingsOf(tenantId).enabledModules();
        return new Enablement(frameworks, frameworksFrom, policies, policiesFrom, modules);
    }

    /** The tenant's own choice (null lists: inherits). */
    public EnablementRows.OwnEnablement own(TenantScope scope, UUID tenantId) {
        return tx.read(scope, () -> rows.of(List.of(tenantId)))
                .getOrDefault(tenantId, EnablementRows.OwnEnablement.INHERIT);
    }

    /**
     * Sets the call's tenant's own choice (already validated against the library), audited, and
     * runs {@code afterChange} in the same transaction (the store queues re-evaluations there).
     */
    public void put(CallContext call, List<String> frameworks, List<String> policies, Runnable afterChange) {
        tx.write(call.scope(), () -> {
            EnablementRows.OwnEnablement before = rows.of(List.of(call.tenantId()))
                    .getOrDefault(call.tenantId(), EnablementRows.OwnEnablement.INHERIT);
            rows.put(call.tenantId(), frameworks, policies, call.at(), call.userId());
            Map<String, Object> changes = new LinkedHashMap<>();
            changes.put(
                    "frameworks",
                    Map.of("from", String.valueOf(before.frameworks()), "to", String.valueOf(frameworks)));
            changes.put("policies", Map.of("from", String.valueOf(before.policies()), "to", String.valueOf(policies)));
            audit.changed(
                    call, AuditAction.COMPLIANCE_ENABLEMENT_UPDATE, "compliance_enablement", call.tenantId(), changes);
            afterChange.run();
            return null;
        });
    }
}
