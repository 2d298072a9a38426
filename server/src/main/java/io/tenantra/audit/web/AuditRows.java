package io.tenantra.audit.web;

import io.tenantra.agents.AgentNames;
import io.tenantra.audit.AuditRecord;
import io.tenantra.identity.CurrentUser;
import io.tenantra.identity.TenantAccess;
import io.tenantra.identity.UserNames;
import io.tenantra.platform.context.TenantScope;
import io.tenantra.tenancy.Tenant;
import io.tenantra.tenancy.TenantDirectory;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Turns a page of audit events into rows people read: the tenant, the target and the agents a
 * scan named are resolved to names with one query per kind for the whole page (never one per
 * row), within what the caller may see; an id that does not resolve (deleted, or outside the
 * caller's reach) is shown as recorded.
 */
@Component
class AuditRows {

    private final TenantDirectory tenants;
    private final TenantAccess access;
    private final UserNames users;
    private final AgentNames agents;

    AuditRows(TenantDirectory tenants, TenantAccess access, UserNames users, AgentNames agents) {
        this.tenants = tenants;
        this.access = access;
        this.users = users;
        this.agents = agents;
    }

    /**
     * One event as shown.
     *
     * @param tenantName the name of the tenant whose trail holds it
     * @param targetName the target's name, or null when it has none or could not be resolved
     * @param changes the recorded changes in words
     */
    public record Row(AuditRecord event, String tenantName, String targetName, List<AuditChanges.Line> changes) {

        /** The changes on one line, for the table (the full text is in the cell's title). */
        public String summary() {
            return AuditChanges.summary(changes);
        }
    }

    /** @param covered the tenants whose trails the events come from (all readable by the caller) */
    List<Row> rows(CurrentUser user, Collection<AuditRecord> events, Set<UUID> covered) {
        Set<UUID> tenantIds = new HashSet<>();
        Set<UUID> userIds = new HashSet<>();
        Set<UUID> agentIds = new HashSet<>();
        for (AuditRecord e : events) {
            tenantIds.add(e.tenantId());
            UUID target = AuditChanges.uuid(e.targetId());
            if (target != null && e.targetType() != null) {
                switch (e.targetType()) {
                    case "tenant", "audit-trail" -> tenantIds.add(target);
                    case "user" -> userIds.add(target);
                    case "agent" -> agentIds.add(target);
                    default -> {
                        /* other targets have no name of their own */
                    }
                }
            }
            collectIds(e.changes().get("tenants"), tenantIds);
            if (e.changes().get("selector") instanceof Map<?, ?> selector) {
                collectIds(selector.get("agentIds"), agentIds);
            }
            collectIds(List.of(String.valueOf(e.changes().get("agentId"))), agentIds);
        }
        Map<UUID, String> tenantNames = tenantNames(user, tenantIds);
        TenantScope scope = TenantScope.of(covered);
        Map<UUID, String> userNames = users.of(scope, userIds);
        Map<UUID, String> agentNames = agents.of(scope, agentIds);
        return events.stream()
                .map(e -> new Row(
                        e,
                        tenantNames.get(e.tenantId()),
                        targetName(e, tenantNames, userNames, agentNames),
                        AuditChanges.lines(e.changes(), agentNames::get, tenantNames::get)))
                .toList();
    }

    /** One event with names, for the detail page. */
    Row row(CurrentUser user, AuditRecord event) {
        return rows(user, List.of(event), Set.of(event.tenantId())).get(0);
    }

    /** Names of the tenants among {@code ids} that the caller can see; the others stay ids. */
    private Map<UUID, String> tenantNames(CurrentUser user, Set<UUID> ids) {
        Set<UUID> visible = new HashSet<>(ids);
        visible.retainAll(access.visibleTenants(user));
        Map<UUID, String> names = new HashMap<>();
        if (!visible.isEmpty()) {
            for (Tenant t : tenants.visible(TenantScope.of(visible))) {
                names.put(t.id(), t.name());
            }
        }
        return names;
    }

    private static String targetName(
            AuditRecord e, Map<UUID, String> tenants, Map<UUID, String> users, Map<UUID, String> agents) {
        UUID target = AuditChanges.uuid(e.targetId());
        if (target == null || e.targetType() == null) {
            return null;
        }
        return switch (e.targetType()) {
            case "tenant", "audit-trail" -> tenants.get(target);
            case "user" -> users.get(target);
            case "agent" -> agents.get(target);
            default -> null;
        };
    }

    private static void collectIds(Object value, Set<UUID> into) {
        if (value instanceof Collection<?> items) {
            for (Object item : items) {
                UUID id = AuditChanges.uuid(item);
                if (id != null) {
                    into.add(id);
                }
            }
        }
    }
}
