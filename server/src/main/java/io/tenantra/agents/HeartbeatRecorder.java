package io.tenantra.agents;

import static io.tenantra.agents.EnrollmentTokenRepository.instant;

import io.tenantra.database.TenantTransactions;
import io.tenantra.platform.audit.AuditAction;
import io.tenantra.platform.audit.AuditEvents;
import io.tenantra.platform.context.CallContext;
import io.tenantra.platform.context.TenantScope;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Coalesces heartbeats: a heartbeat only records "seen at" in memory, and a scheduled flush
 * writes everything seen since the last flush with one UPDATE per batch
 * ({@code UPDATE agent ... FROM unnest(...)}), so the database sees one write per agent per
 * flush interval however often agents call, and none at all per request. An agent that comes
 * back from offline is marked online by the flush, which audits that transition and publishes
 * {@link AgentCameBack} in the same transaction.
 *
 * <p>On shutdown, what is pending is written after the web server has stopped taking requests and
 * before the pool and the database stop (a lifecycle phase like the access log's). NB: last-seen
 * times not yet flushed are lost if the node dies; the agent's next heartbeat (or the offline
 * sweep's grace period) makes up for it.
 */
@Component
class HeartbeatRecorder implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(HeartbeatRecorder.class);
    static final int BATCH = 1000;
    /** The system actor that records an agent coming back online. */
    static final String JOB = "heartbeat-recorder";

    private final Map<UUID, Seen> pending = new ConcurrentHashMap<>();
    private final JdbcTemplate jdbc;
    private final TenantTransactions tx;
    private final AuditEvents audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    HeartbeatRecorder(
            JdbcTemplate jdbc,
            TenantTransactions tx,
            AuditEvents audit,
            ApplicationEventPublisher events,
            Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    private volatile boolean running;

    @Override
    public void start() {
        running = true;
    }

    /** Writes what is pending; runs after the web server stops (lower phases stop later). */
    @Override
    public void stop() {
        running = false;
        flush();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }

    record Seen(UUID tenantId, Instant at, String agentVersion) {}

    void record(AgentPrincipal agent, Instant at, String agentVersion) {
        pending.merge(
                agent.agentId(),
                new Seen(agent.tenantId(), at, agentVersion),
                (old, next) -> next.at().isBefore(old.at()) ? old : next);
    }

    /** The last heartbeat of {@code agentId} not yet written, if any. */
    Instant pendingLastSeen(UUID agentId) {
        Seen seen = pending.get(agentId);
        return seen == null ? null : seen.at();
    }

    @Scheduled(
            initialDelayString = "${tenantra.agents.heartbeat-flush-interval:5s}",
            fixedDelayString = "${tenantra.agents.heartbeat-flush-interval:5s}")
    void flush() {
        List<Map.Entry<UUID, Seen>> batch = new ArrayList<>(BATCH);
        for (UUID agentId : pending.keySet()) {
            Seen seen = pending.remove(agentId);
            if (seen != null) {
                batch.add(Map.entry(agentId, seen));
            }
            if (batch.size() == BATCH) {
                write(batch);
                batch = new ArrayList<>(BATCH);
            }
        }
        if (!batch.isEmpty()) {
            write(batch);
        }
    }

    private void write(List<Map.Entry<UUID, Seen>> batch) {
        Set<UUID> tenants = new HashSet<>();
        batch.forEach(e -> tenants.add(e.getValue().tenantId()));
        Instant now = clock.instant();
        try {
            tx.write(TenantScope.of(tenants), () -> {
                List<Written> returned = jdbc.query(
                        connection -> statement(connection, batch),
                        (rs, i) -> new Written(
                                rs.getObject(1, UUID.class),
                                rs.getObject(2, UUID.class),
                                rs.getString(3),
                                rs.getString(4),
                                instant(rs, 5),
                                instant(rs, 6)));
                for (Written back : returned) {
                    if ("offline".equals(back.connectionBefore())) {
                        audit.changed(
                                CallContext.system(JOB, TenantScope.of(tenants), back.tenantId(), now),
                                AuditAction.AGENT_ONLINE,
                                "agent",
                                back.agentId(),
                                Map.of("connection", "online", "name", back.name()));
                        events.publishEvent(new AgentCameBack(
                                back.tenantId(), back.agentId(), back.name(), back.offlineSince(), back.lastSeenAt()));
                    }
                }
                return null;
            });
        } catch (RuntimeException e) {
            // Put them back (unless newer ones arrived) so the next flush retries.
            batch.forEach(e2 -> pending.merge(e2.getKey(), e2.getValue(), (newer, old) -> newer));
            log.warn("Could not write {} coalesced heartbeats; will retry: {}", batch.size(), e.toString());
        }
    }

    /** One agent row the flush wrote, with what it was before. */
    private record Written(
            UUID agentId,
            UUID tenantId,
            String connectionBefore,
            String name,
            Instant offlineSince,
            Instant lastSeenAt) {}

    private static PreparedStatement statement(Connection connection, List<Map.Entry<UUID, Seen>> batch)
            throws SQLException {
        Object[] ids = new Object[batch.size()];
        Object[] tenants = new Object[batch.size()];
        Timestamp[] seen = new Timestamp[batch.size()];
        String[] versions = new String[batch.size()];
        for (int i = 0; i < batch.size(); i++) {
            ids[i] = batch.get(i).getKey();
            tenants[i] = batch.get(i).getValue().tenantId();
            seen[i] = Timestamp.from(batch.get(i).getValue().at());
            versions[i] = batch.get(i).getValue().agentVersion();
        }
        // "before" is the row as it was: RETURNING it tells which agents were offline until now.
        PreparedStatement statement = connection.prepareStatement("UPDATE agent a SET"
                + " last_seen_at = GREATEST(a.last_seen_at, v.seen),"
                + " agent_version = COALESCE(v.version, a.agent_version),"
                + " connection = 'online', offline_since = NULL"
                + " FROM unnest(?::uuid[], ?::uuid[], ?::timestamptz[], ?::text[]) AS v(id, tenant_id, seen, version),"
                + " agent before"
                + " WHERE a.id = v.id AND a.tenant_id = v.tenant_id AND a.revoked_at IS NULL"
                + " AND before.id = a.id AND before.tenant_id = a.tenant_id"
                + " RETURNING a.id, a.tenant_id, before.connection, a.name, before.offline_since, a.last_seen_at");
        statement.setArray(1, array(connection, "uuid", ids));
        statement.setArray(2, array(connection, "uuid", tenants));
        statement.setArray(3, array(connection, "timestamptz", seen));
        statement.setArray(4, array(connection, "text", versions));
        return statement;
    }

    private static Array array(Connection connection, String type, Object[] values) throws SQLException {
        return connection.createArrayOf(type, values);
    }
}
