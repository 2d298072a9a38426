package io.tenantra.compliance.store;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for each tenant's own enablement row (null columns inherit from the parent). */
@Repository
public class EnablementRows {

    private final JdbcClient jdbc;

    EnablementRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A tenant's own choice: null lists inherit from its parent. */
    public record OwnEnablement(List<String> frameworks, List<String> policies, Instant modifiedAt, UUID modifiedBy) {

        public static final OwnEnablement INHERIT = new OwnEnablement(null, null, null, null);
    }

    public Map<UUID, OwnEnablement> of(Collection<UUID> tenantIds) {
        Map<UUID, OwnEnablement> rows = new HashMap<>();
        jdbc.sql("SELECT tenant_id, frameworks, policies, modified_at, modified_by FROM compliance_enablement"
                        + " WHERE tenant_id = ANY(?::uuid[])")
                .param(tenantIds.stream().map(UUID::toString).toArray(String[]::new))
                .query(rs -> {
                    rows.put(
                            rs.getObject(1, UUID.class),
                            new OwnEnablement(
                                    list(rs, 2),
                                    list(rs, 3),
                                    rs.getTimestamp(4).toInstant(),
                                    rs.getObject(5, UUID.class)));
                });
        return rows;
    }

    public void put(UUID tenantId, List<String> frameworks, List<String> policies, Instant at, UUID by) {
        jdbc.sql("INSERT INTO compliance_enablement (tenant_id, frameworks, policies, modified_at, modified_by)"
                        + " VALUES (?, ?::text[], ?::text[], ?, ?) ON CONFLICT (tenant_id) DO UPDATE SET"
                        + " frameworks = excluded.frameworks, policies = excluded.policies,"
                        + " modified_at = excluded.modified_at, modified_by = excluded.modified_by")
                .params(
                        tenantId,
                        frameworks == null ? null : frameworks.toArray(String[]::new),
                        policies == null ? null : policies.toArray(String[]::new),
                        Timestamp.from(at),
                        by)
                .update();
    }

    private static List<String> list(ResultSet rs, int column) throws SQLException {
        Array array = rs.getArray(column);
        return array == null ? null : List.of((String[]) array.getArray());
    }
}
