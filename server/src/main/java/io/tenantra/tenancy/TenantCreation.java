package io.tenantra.tenancy;

import io.tenantra.database.TenantTransactions;
import io.tenantra.platform.audit.Actor;
import io.tenantra.platform.audit.AuditAction;
import io.tenantra.platform.audit.AuditEvents;
import io.tenantra.platform.context.CallContext;
import io.tenantra.platform.context.TenantScope;
import io.tenantra.platform.web.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Creating a child tenant, with its audit record and {@link TenantCreated} in the same transaction.
 * Callers have checked that the actor may create below the parent.
 */
@Component
class TenantCreation {

    private final TenantRepository tenants;
    private final TenantTransactions tx;
    private final TenantHierarchy hierarchy;
    private final AuditEvents audit;
    private final ApplicationEventPublisher events;
    private final JsonMapper json;
    private final Clock clock;

    TenantCreation(
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

    Tenant create(CallContext call, NewTenant spec) {
        Actor actor = call.actor();
        Violations violations = new Violations();
        TenantNamePolicy.name(spec.name(), violations);
        TenantNamePolicy.slug(spec.slug(), violations);
        if (spec.parentId() == null) {
            violations.add("parentId", "is required");
        }
        TenantSettings settings = TenantSettingsPolicy.merge(
                TenantSettings.DEFAULTS, spec.settings(), TenantWrites.jsonBytes(json, spec.settings()), violations);
        TenantBranding branding = TenantBrandingPolicy.merge(TenantBranding.NONE, spec.branding(), violations);
        TenantWrites.rejectIfAny(violations);

        UUID id = UUID.randomUUID();
        UUID parentId = spec.parentId();
        Instant now = TenantWrites.now(clock);
        Tenant.Plan plan = spec.plan() == null ? Tenant.Plan.FREE : spec.plan();
        Tenant tenant = new Tenant(
                id,
                parentId,
                spec.name(),
                spec.slug(),
                plan,
                Tenant.Status.ACTIVE,
                settings,
                branding,
                now,
                actor.id(),
                now,
                actor.id());
        // The scope holds the parent too: the creation is recorded in the parent's audit trail,
        // where the people who administer the new tenant look.
        return tx.write(TenantScope.of(Set.of(parentId, id)), () -> {
            if (tenants.find(parentId).isEmpty()) {
                throw ApiException.notFound("The parent tenant");
            }
            try {
                tenants.insert(tenant);
            } catch (DuplicateKeyException e) {
                throw ApiException.conflict(
                        "The slug '" + spec.slug() + "' is already taken; slugs are unique across the whole platform.");
            } catch (DataIntegrityViolationException e) {
                throw ApiException.notFound("The parent tenant"); // deleted a moment ago
            }
            audit.changed(
                    call,
                    parentId,
                    AuditAction.TENANT_CREATE,
                    "tenant",
                    id,
                    Map.of(
                            "name", tenant.name(),
                            "slug", tenant.slug(),
                            "plan", plan.name(),
                            "parentId", parentId.toString()));
            events.publishEvent(new TenantCreated(id, parentId, tenant.name(), plan, now));
            TenantWrites.invalidateAfterCommit(hierarchy);
            return tenant;
        });
    }
}
