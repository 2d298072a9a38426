package io.tenantra.agents;

import static io.tenantra.agents.EnrollmentTokenRepository.instant;

import io.tenantra.database.TenantTransactions;
import io.tenantra.platform.audit.AuditAction;
import io.tenantra.platform.audit.AuditEvents;
import io.tenantra.platform.context.CallContext;
import io.tenantra.platform.context.TenantScope;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Marks agents offline after three missed heartbeats (plus a grace that covers coalesced
 * last-seen writes still waiting in some node's memory). Candidates come from one cross-tenant
 * query; each tenant's agents are then marked in that tenant's own transaction, re-checking the
 * condition, with one audit record and one {@link AgentWentOffline} event per agent. Several
 * nodes may run this at once: the re-check makes the second one a no-op.
 */
@Component
class OfflineDetector {

    private static final int BATCH = 1000;
    /** The system actor that marks agents offline. */
    static final String JOB = "offline-detector";

    private final JdbcClient jdbc;
    private final TenantTransactions tx;
    private final AuditEvents audit;
    private final ApplicationEventPublisher events;
    private final AgentsProperties properties;
    private final Clock clock;

    OfflineDetector(
            JdbcClient jdbc,
            TenantTransactions tx,
            AuditEvents audit,
            ApplicationEventPublisher events,
            AgentsProperties properties,
            Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.audit = audit;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(
            initialDelayString = "${tenantra.agents.offline-check-interval:10s}",
            fixedDelayString = "${tenantra.agents.offline-check-interval:10s}")
    void check() {
        Instant now = clock.instant();
        int grace = (int) properties.offlineGrace().toSeconds();
        Map<UUID, List<UUID>> byTenant = new LinkedHashMap<>();
        jdbc.sql("SELECT id, tenant_id FROM agents_overdue(?, ?, ?)")
                .params(Timestamp.from(now), grace, BATCH)
                .query(rs -> {
                    byTenant.computeIfAbsent(rs.getObject(2, UUID.class), t -> new ArrayList<>())
                            .add(rs.getObject(1, UUID.class));
                });
        byTenant.forEach((tenantId, agentIds) -> markOffline(tenantId, agentIds, now, grace));
    }

    int markOffline(UUID tenantId, List<UUID> agentIds, Instant now, int grace) {
        return tx.write(TenantScope.of(tenantId), () -> {
            var marked = jdbc.sql("UPDATE agent SET connection = 'offline', offline_since = ?"
                            + " WHERE tenant_id = ? AND id = ANY(?::uuid[]) AND connection = 'online'"
                            + " AND revoked_at IS NULL"
                            + " AND last_seen_at < ?::timestamptz - make_interval(secs => 3 * heartbeat_seconds + ?)"
                            + " RETURNING id, name, last_seen_at")
                    .params(
                            Timestamp.from(now),
                            tenantId,
                            agentIds.stream().map(UUID::toString).toArray(String[]::new),
                            Timestamp.from(now),
                            grace)
                    .query((rs, i) -> new AgentWentOffline(
                            tenantId, rs.getObject(1, UUID.class), rs.getString(2), instant(rs, 3), now))
                    .list();
            for (AgentWentOffline offline : marked) {
                audit.changed(
                        CallContext.system(JOB, TenantScope.of(tenantId), tenantId, now),
                        AuditAction.AGENT_OFFLINE,
                        "agent",
                        offline.agentId(),
                        Map.of("connection", "offline", "name", offline.name(), "lastSeenAt", offline.lastSeenAt()));
                events.publishEvent(offline);
            }
            return marked.size();
        });
    }
}
