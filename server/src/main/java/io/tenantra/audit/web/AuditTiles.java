package io.tenantra.audit.web;

import io.tenantra.audit.AuditFilter;
import io.tenantra.audit.AuditRecord;
import io.tenantra.audit.AuditTrail;
import io.tenantra.console.DashboardTile;
import io.tenantra.console.DashboardTile.Row;
import io.tenantra.identity.Permission;
import io.tenantra.platform.context.TenantScope;
import io.tenantra.tenancy.Tenant;
import io.tenantra.tenancy.TenantDirectory;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The dashboard's recent activity: the latest audit events of the view's tenants on which the
 * user may read the audit trail, newest first, each leading to the audit log of its tenant.
 */
@Configuration(proxyBeanMethods = false)
class AuditTiles {

    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    @Bean
    DashboardTile recentActivityTile(AuditTrail trail, TenantDirectory directory) {
        return DashboardTile.home("recent-activity", 500, Permission.AUDIT_READ, view -> {
            if (view.tenants().isEmpty()) {
                return DashboardTile.Content.list("Recent activity", List.of(), "Nothing recorded yet.");
            }
            List<AuditRecord> events = trail.search(
                            new LinkedHashSet<>(view.tenants()), true, AuditFilter.NONE, null, 8)
                    .items();
            Map<UUID, String> names = view.tenants().size() < 2
                    ? Map.of()
                    : directory.visible(TenantScope.of(view.tenants())).stream()
                            .collect(Collectors.toMap(Tenant::id, Tenant::name));
            List<Row> rows = events.stream()
                    .map(e -> new Row(
                            e.action() + (e.targetType() == null ? "" : " · " + e.targetType()),
                            null,
                            actor(e) + " · " + WHEN.format(e.occurredAt())
                                    + (names.containsKey(e.tenantId()) ? " · " + names.get(e.tenantId()) : ""),
                            "/audit-logs?tenant=" + e.tenantId(),
                            "SUCCESS".equals(e.outcome()) ? null : e.outcome()))
                    .toList();
            return DashboardTile.Content.list("Recent activity", rows, "Nothing recorded yet.");
        });
    }

    private static String actor(AuditRecord event) {
        AuditRecord.ActorInfo actor = event.actor();
        if (actor == null) {
            return "unknown";
        }
        return actor.name() != null ? actor.name() : actor.kind().toLowerCase(java.util.Locale.ROOT);
    }
}
