package io.tenantra.tenancy;

import io.tenantra.database.TenantTransactions;
import io.tenantra.platform.audit.AuditAction;
import io.tenantra.platform.audit.AuditEvents;
import io.tenantra.platform.context.CallContext;
import io.tenantra.platform.context.TenantScope;
import io.tenantra.platform.web.ApiException;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Changing a tenant: its name, settings and branding, and from above its plan, status and place in
 * the tree. The row is locked while the change is worked out, so the authorisation check sees
 * exactly the tenant that will be written. Status and plan changes publish {@link TenantSuspended},
 * {@link TenantReactivated} and {@link TenantPlanChanged} in the same transaction.
 */
@Component
class TenantUpdate {

    private final TenantRepository tenants;
    private final TenantTransactions tx;
    private final TenantHierarchy hierarchy;
    private final AuditEvents audit;
    private final ApplicationEventPublisher events;
    private final JsonMapper json;
    private final Clock clock;

    TenantUpdate(
            TenantRepository tenants,
            TenantTransactions tx,
            TenantHierarchy hierarchy,
            AuditEvents audit,
            ApplicationEventPublisher events,
            JsonMapper json,
            Clock clock) {
        this.tenants = tenants;
        this.tx = tx;
        this.hierarchy = hierarchy;
        this.audit = audit;
        this.events = events;
        this.json = json;
        this.clock = clock;
    }

    Tenant update(CallContext call, UUID tenantId, TenantChanges changes, Consumer<TenantDiff> authorize) {
        Violations violations = new Violations();
        if (changes.name() != null) {
            TenantNamePolicy.name(changes.name(), violations);
        }
        int settingsBytes = TenantWrites.jsonBytes(json, changes.settings());
        boolean moving = changes.parentId() != null;
        return tx.write(TenantScope.of(tenantId), () -> {
            if (moving) {
                tenants.lockTree();
            }
            Tenant before = tenants.findForUpdate(tenantId).orElseThrow(() -> ApiException.notFound("The tenant"));
            TenantSettings settings =
                    TenantSettingsPolicy.merge(before.settings(), changes.settings(), settingsBytes, violations);
            TenantBranding branding = TenantBrandingPolicy.merge(before.branding(), changes.branding(), violations);
            TenantWrites.rejectIfAny(violations);

            Tenant after = new Tenant(
                    before.id(),
                    moving ? changes.parentId() : before.parentId(),
                    changes.name() != null ? changes.name() : before.name(),
                    before.slug(),
                    changes.plan() != null ? changes.plan() : before.plan(),
                    changes.status() != null ? changes.status() : before.status(),
                    settings,
                    branding,
                    before.createdAt(),
                    before.createdBy(),
                    TenantWrites.now(clock),
                    call.actor().id());
            TenantDiff diff = new TenantDiff(before, after);
            if (diff.isEmpty()) {
                return before; // nothing to write, nothing to audit
            }
            if (before.isRoot() && diff.administrative()) {
                throw ApiException.conflict("The root tenant cannot be moved or suspended, and its plan is fixed.");
            }
            authorize.accept(diff);
            if (diff.moved() && tenants.subtree(tenantId).contains(after.parentId())) {
                throw ApiException.invalid(
                        "parentId",
                        "must not be the tenant itself or one of its descendants (that would make a cycle)");
            }
            try {
                tenants.update(after);
            } catch (DataIntegrityViolationException e) {
                throw ApiException.notFound("The new parent tenant"); // deleted a moment ago
            }
            record(diff, call);
            publish(diff);
            if (diff.moved() || diff.statusChanged()) {
                TenantWrites.invalidateAfterCommit(hierarchy);
            }
            return after;
        });
    }

    /** The module events other modules react to: status and plan changes, in this transaction. */
    private void publish(TenantDiff diff) {
        Tenant after = diff.after();
        if (diff.statusChanged()) {
            events.publishEvent(
                    after.status() == Tenant.Status.SUSPENDED
                            ? new TenantSuspended(after.id(), after.modifiedAt())
                            : new TenantReactivated(after.id(), after.modifiedAt()));
        }
        if (diff.planChanged()) {
            events.publishEvent(
                    new TenantPlanChanged(after.id(), diff.before().plan(), after.plan(), after.modifiedAt()));
        }
    }

    /** One audit event per kind of change the request made, each in the tenant's own trail. */
    private void record(TenantDiff diff, CallContext call) {
        UUID id = diff.after().id();
        Map<String, Object> updated = diff.updatedFields();
        if (!updated.isEmpty()) {
            audit.changed(call, id, AuditAction.TENANT_UPDATE, "tenant", id, updated);
        }
        if (diff.moved()) {
            audit.changed(
                    call,
                    id,
                    AuditAction.TENANT_MOVE,
                    "tenant",
                    id,
                    Map.of(
                            "parentId",
                            Map.of(
                                    "from", diff.before().parentId().toString(),
                                    "to", diff.after().parentId().toString())));
        }
        if (diff.statusChanged()) {
            audit.changed(
                    call,
                    id,
                    diff.after().status() == Tenant.Status.SUSPENDED
                            ? AuditAction.TENANT_SUSPEND
                            : AuditAction.TENANT_REACTIVATE,
                    "tenant",
                    id,
                    Map.of(
                            "status",
                            Map.of(
                                    "from", diff.before().status().name(),
                                    "to", diff.after().status().name())));
        }
    }
}
