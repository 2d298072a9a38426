package io.tenantra.agents;

import io.tenantra.database.TenantTransactions;
import io.tenantra.model.Severity;
import io.tenantra.platform.context.TenantScope;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Read-only figures about the risks agents flag, for the dashboard and the MSP roll-up. A risk
 * counts while it is in the newest result of its module on a live agent: a later scan that no
 * longer flags it makes it go away. "As of" an earlier moment reads the results that were newest
 * then, which gives trends without any history table. One statement per question over all the
 * given tenants.
 */
@Service
public class RiskFigures {

    // The newest result of each module on each live agent, collected at or before the second parameter.
    private static final String LATEST = "SELECT DISTINCT ON (m.tenant_id, m.agent_id, m.module)"
            + " m.tenant_id, m.agent_id, m.risks FROM module_result m"
            + " JOIN agent a ON a.tenant_id = m.tenant_id AND a.id = m.agent_id AND a.revoked_at IS NULL"
            + " WHERE m.tenant_id = ANY(?::uuid[]) AND m.collected_at <= ?"
            + " ORDER BY m.tenant_id, m.agent_id, m.module, m.collected_at DESC";

    private final JdbcClient jdbc;
    private final TenantTransactions tx;

    RiskFigures(JdbcClient jdbc, TenantTransactions tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    /** Open risks by severity as of {@code at}; every severity present, worst first. */
    public Map<Severity, Long> bySeverity(Collection<UUID> tenants, Instant at) {
        Map<Severity, Long> counts = new EnumMap<>(Severity.class);
        for (Severity severity : Severity.values()) {
            counts.put(severity, 0L);
        }
        if (tenants.isEmpty()) {
            return counts;
        }
        tx.read(
                        TenantScope.of(tenants),
                        () -> jdbc.sql("SELECT r.severity, count(*) FROM (" + LATEST + ") latest"
                                        + " CROSS JOIN LATERAL jsonb_to_recordset(latest.risks) AS r(severity text)"
                                        + " GROUP BY r.severity")
                                .params(FleetFigures.ids(tenants), Timestamp.from(at))
                                .query((rs, i) -> Map.entry(String.valueOf(rs.getString(1)), rs.getLong(2)))
                                .list())
                .forEach(e -> severity(e.getKey()).ifPresent(s -> counts.merge(s, e.getValue(), Long::sum)));
        return counts;
    }

    /** An agent with its open risks by severity. */
    public record RiskyAsset(
            UUID agentId,
            UUID tenantId,
            String name,
            String hostname,
            long critical,
            long high,
            long medium,
            long low) {

        public long total() {
            return critical + high + medium + low;
        }
    }

    /**
     * The {@code limit} agents with the worst open risks: most critical first, then most high, then
     * medium, then low (no weights, so a pile of low risks never outranks one critical). Agents
     * without risks above INFO are left out.
     */
    public List<RiskyAsset> riskiest(Collection<UUID> tenants, Instant at, int limit) {
        if (tenants.isEmpty()) {
            return List.of();
        }
        return tx.read(
                TenantScope.of(tenants),
                () -> jdbc.sql("SELECT latest.agent_id, latest.tenant_id, a.name, a.hostname,"
                                + " count(*) FILTER (WHERE r.severity = 'CRITICAL') AS c,"
                                + " count(*) FILTER (WHERE r.severity = 'HIGH') AS h,"
                                + " count(*) FILTER (WHERE r.severity = 'MEDIUM') AS m,"
                                + " count(*) FILTER (WHERE r.severity = 'LOW') AS l"
                                + " FROM (" + LATEST + ") latest"
                                + " CROSS JOIN LATERAL jsonb_to_recordset(latest.risks) AS r(severity text)"
                                + " JOIN agent a ON a.tenant_id = latest.tenant_id AND a.id = latest.agent_id"
                                + " WHERE r.severity IN ('CRITICAL', 'HIGH', 'MEDIUM', 'LOW')"
                                + " GROUP BY latest.agent_id, latest.tenant_id, a.name, a.hostname"
                                + " ORDER BY c DESC, h DESC, m DESC, l DESC, a.name, latest.agent_id LIMIT ?")
                        .params(FleetFigures.ids(tenants), Timestamp.from(at), limit)
                        .query((rs, i) -> new RiskyAsset(
                                rs.getObject(1, UUID.class),
                                rs.getObject(2, UUID.class),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getLong(5),
                                rs.getLong(6),
                                rs.getLong(7),
                                rs.getLong(8)))
                        .list());
    }

    /** Open critical and high risks of every tenant given (tenants without any are absent). */
    public Map<UUID, Long> severePerTenant(Collection<UUID> tenants, Instant at) {
        Map<UUID, Long> result = new HashMap<>();
        if (tenants.isEmpty()) {
            return result;
        }
        tx.read(
                        TenantScope.of(tenants),
                        () -> jdbc.sql("SELECT latest.tenant_id, count(*) FROM (" + LATEST + ") latest"
                                        + " CROSS JOIN LATERAL jsonb_to_recordset(latest.risks) AS r(severity text)"
                                        + " WHERE r.severity IN ('CRITICAL', 'HIGH') GROUP BY latest.tenant_id")
                                .params(FleetFigures.ids(tenants), Timestamp.from(at))
                                .query((rs, i) -> Map.entry(rs.getObject(1, UUID.class), rs.getLong(2)))
                                .list())
                .forEach(e -> result.put(e.getKey(), e.getValue()));
        return result;
    }

    private static java.util.Optional<Severity> severity(String name) {
        try {
            return java.util.Optional.of(Severity.valueOf(name));
        } catch (IllegalArgumentException | NullPointerException e) {
            // Results are validated against the model at ingestion; an unknown word is not counted.
            return java.util.Optional.empty();
        }
    }
}
