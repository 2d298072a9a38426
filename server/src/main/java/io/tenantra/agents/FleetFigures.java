package io.tenantra.agents;

import io.tenantra.database.TenantTransactions;
import io.tenantra.platform.context.TenantScope;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Read-only figures about the agents and scans of a set of tenants, for the dashboard and the MSP
 * roll-up. Every method reads all the given tenants with one set-based statement (never one per
 * tenant), inside a transaction scoped to exactly those tenants, so row-level security keeps it
 * from counting anything else even if a caller passed a tenant it should not have.
 *
 * <p>Revoked agents are left out everywhere: they no longer report and no longer count.
 */
@Service
public class FleetFigures {

    private final JdbcClient jdbc;
    private final TenantTransactions tx;

    FleetFigures(JdbcClient jdbc, TenantTransactions tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    /**
     * How the live agents stand. {@code neverSeen} agents enrolled but never heartbeated since;
     * {@code online} and {@code offline} count only agents seen at least once, so the three add up
     * to {@code active}.
     */
    public record Connectivity(long active, long online, long offline, long neverSeen, long enrolledSince) {
        static final Connectivity NONE = new Connectivity(0, 0, 0, 0, 0);
    }

    /** {@link Connectivity} of the tenants, with {@code enrolledSince} counting enrolments from {@code since}. */
    public Connectivity connectivity(Collection<UUID> tenants, Instant since) {
        if (tenants.isEmpty()) {
            return Connectivity.NONE;
        }
        return tx.read(
                TenantScope.of(tenants),
                () -> jdbc.sql("SELECT count(*),"
                                + " count(*) FILTER (WHERE last_seen_at > enrolled_at AND connection = 'online'),"
                                + " count(*) FILTER (WHERE last_seen_at > enrolled_at AND connection = 'offline'),"
                                + " count(*) FILTER (WHERE last_seen_at <= enrolled_at),"
                                + " count(*) FILTER (WHERE enrolled_at >= ?)"
                                + " FROM agent WHERE tenant_id = ANY(?::uuid[]) AND revoked_at IS NULL")
                        .params(Timestamp.from(since), ids(tenants))
                        .query((rs, i) -> new Connectivity(
                                rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)))
                        .single());
    }

    /** Live agents by operating system ({@code linux Debian 12}), most common first. */
    public Map<String, Long> byOperatingSystem(Collection<UUID> tenants) {
        return countBy(tenants, "os_family || CASE WHEN os_version = '' THEN '' ELSE ' ' || os_version END");
    }

    /** Live agents by agent version ({@code ""} when an agent did not say), most common first. */
    public Map<String, Long> byAgentVersion(Collection<UUID> tenants) {
        return countBy(tenants, "agent_version");
    }

    private Map<String, Long> countBy(Collection<UUID> tenants, String expression) {
        Map<String, Long> counts = new LinkedHashMap<>();
        if (tenants.isEmpty()) {
            return counts;
        }
        tx.read(
                        TenantScope.of(tenants),
                        () -> jdbc.sql("SELECT " + expression + " AS k, count(*) AS n FROM agent"
                                        + " WHERE tenant_id = ANY(?::uuid[]) AND revoked_at IS NULL"
                                        + " GROUP BY k ORDER BY n DESC, k")
                                .param(ids(tenants))
                                .query((rs, i) -> Map.entry(rs.getString(1), rs.getLong(2)))
                                .list())
                .forEach(e -> counts.put(e.getKey(), e.getValue()));
        return counts;
    }

    /** Live agents with no module result collected since {@code since} (or none at all). */
    public long notScannedSince(Collection<UUID> tenants, Instant since) {
        if (tenants.isEmpty()) {
            return 0;
        }
        return tx.read(
                TenantScope.of(tenants),
                () -> jdbc.sql(
                                "SELECT count(*) FROM agent a WHERE a.tenant_id = ANY(?::uuid[]) AND a.revoked_at IS NULL"
                                        + " AND NOT EXISTS (SELECT 1 FROM module_result m WHERE m.tenant_id = a.tenant_id"
                                        + " AND m.agent_id = a.id AND m.collected_at >= ?)")
                        .params(ids(tenants), Timestamp.from(since))
                        .query(Long.class)
                        .single());
    }

    /** Jobs that failed or timed out since {@code since}. */
    public long failedJobsSince(Collection<UUID> tenants, Instant since) {
        if (tenants.isEmpty()) {
            return 0;
        }
        return tx.read(
                TenantScope.of(tenants),
                () -> jdbc.sql("SELECT count(*) FROM agent_job WHERE tenant_id = ANY(?::uuid[])"
                                + " AND status IN ('failed', 'timed_out') AND finished_at >= ?")
                        .params(ids(tenants), Timestamp.from(since))
                        .query(Long.class)
                        .single());
    }

    /**
     * A recent scan with its jobs by outcome.
     *
     * @param modules the modules every job ran; null when each agent ran its configured ones
     */
    public record RecentScan(
            UUID id,
            UUID tenantId,
            Instant createdAt,
            List<String> modules,
            int jobs,
            int succeeded,
            int failed,
            int open,
            boolean cancelled) {}

    /** The newest {@code limit} scans of the tenants, newest first. */
    public List<RecentScan> recentScans(Collection<UUID> tenants, int limit) {
        if (tenants.isEmpty()) {
            return List.of();
        }
        return tx.read(
                TenantScope.of(tenants),
                () -> jdbc.sql("SELECT s.id, s.tenant_id, s.created_at, s.modules, s.job_count, s.cancelled_at,"
                                + " count(j.id) FILTER (WHERE j.status = 'succeeded'),"
                                + " count(j.id) FILTER (WHERE j.status IN ('failed', 'timed_out')),"
                                + " count(j.id) FILTER (WHERE j.status IN ('queued', 'dispatched', 'running'))"
                                + " FROM (SELECT * FROM scan WHERE tenant_id = ANY(?::uuid[])"
                                + " ORDER BY created_at DESC, id DESC LIMIT ?) s"
                                + " LEFT JOIN agent_job j ON j.tenant_id = s.tenant_id AND j.scan_id = s.id"
                                + " GROUP BY s.id, s.tenant_id, s.created_at, s.modules, s.job_count, s.cancelled_at"
                                + " ORDER BY s.created_at DESC, s.id DESC")
                        .params(ids(tenants), limit)
                        .query((rs, i) -> {
                            java.sql.Array modules = rs.getArray(4);
                            return new RecentScan(
                                    rs.getObject(1, UUID.class),
                                    rs.getObject(2, UUID.class),
                                    rs.getTimestamp(3).toInstant(),
                                    modules == null ? null : List.of((String[]) modules.getArray()),
                                    rs.getInt(5),
                                    rs.getInt(7),
                                    rs.getInt(8),
                                    rs.getInt(9),
                                    rs.getTimestamp(6) != null);
                        })
                        .list());
    }

    /**
     * One tenant's line in the MSP roll-up.
     *
     * @param lastScan when the newest scan was started; null when there was none
     */
    public record TenantFleet(long agents, long offline, Instant lastScan) {
        public static final TenantFleet NONE = new TenantFleet(0, 0, null);
    }

    /** Agents, offline agents and last scan of every tenant given: two statements whatever their number. */
    public Map<UUID, TenantFleet> perTenant(Collection<UUID> tenants) {
        Map<UUID, TenantFleet> result = new HashMap<>();
        if (tenants.isEmpty()) {
            return result;
        }
        tx.read(TenantScope.of(tenants), () -> {
            jdbc.sql("SELECT tenant_id, count(*), count(*) FILTER (WHERE connection = 'offline') FROM agent"
                            + " WHERE tenant_id = ANY(?::uuid[]) AND revoked_at IS NULL GROUP BY tenant_id")
                    .param(ids(tenants))
                    .query(rs -> {
                        result.put(rs.getObject(1, UUID.class), new TenantFleet(rs.getLong(2), rs.getLong(3), null));
                    });
            jdbc.sql("SELECT tenant_id, max(created_at) FROM scan WHERE tenant_id = ANY(?::uuid[]) GROUP BY tenant_id")
                    .param(ids(tenants))
                    .query(rs -> {
                        UUID tenant = rs.getObject(1, UUID.class);
                        TenantFleet fleet = result.getOrDefault(tenant, TenantFleet.NONE);
                        result.put(
                                tenant,
                                new TenantFleet(
                                        fleet.agents(),
                                        fleet.offline(),
                                        rs.getTimestamp(2).toInstant()));
                    });
            return null;
        });
        return result;
    }

    static String[] ids(Collection<UUID> ids) {
        return ids.stream().map(UUID::toString).toArray(String[]::new);
    }
}
