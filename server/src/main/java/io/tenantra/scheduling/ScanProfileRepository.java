package io.tenantra.scheduling;

import static io.tenantra.scheduling.Rows.instant;
import static io.tenantra.scheduling.Rows.textArray;
import static io.tenantra.scheduling.Rows.texts;
import static io.tenantra.scheduling.Rows.ts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for scan profiles; callers run inside a tenant transaction. */
@Repository
class ScanProfileRepository {

    private static final String COLUMNS = "id, name, description, modules, policies, frameworks, selector::text,"
            + " time_limit_seconds, concurrency, jitter_seconds, created_at, modified_at";

    private final JdbcClient jdbc;
    private final Rows rows;

    ScanProfileRepository(JdbcClient jdbc, Rows rows) {
        this.jdbc = jdbc;
        this.rows = rows;
    }

    /** A profile as stored; {@code timeLimitSeconds} null for the server's default. */
    record ProfileRow(
            UUID id,
            String name,
            String description,
            List<String> modules,
            List<String> policies,
            List<String> frameworks,
            Map<String, Object> selector,
            Integer timeLimitSeconds,
            Integer concurrency,
            int jitterSeconds,
            Instant createdAt,
            Instant modifiedAt) {

        ScanProfileView view() {
            return new ScanProfileView(
                    id,
                    name,
                    description,
                    modules,
                    policies,
                    frameworks,
                    selector,
                    timeLimitSeconds == null ? null : timeLimitSeconds / 60,
                    concurrency,
                    jitterSeconds,
                    createdAt,
                    modifiedAt);
        }
    }

    void insert(UUID tenantId, ProfileRow row, UUID userId) {
        jdbc.sql("INSERT INTO scan_profile (id, tenant_id, name, description, modules, policies, frameworks,"
                        + " selector, time_limit_seconds, concurrency, jitter_seconds, created_at, created_by,"
                        + " modified_at, modified_by) VALUES (?, ?, ?, ?, ?::text[], ?::text[], ?::text[], ?::jsonb,"
                        + " ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        row.id(),
                        tenantId,
                        row.name(),
                        row.description(),
                        textArray(row.modules()),
                        textArray(row.policies()),
                        textArray(row.frameworks()),
                        rows.json(row.selector()),
                        row.timeLimitSeconds(),
                        row.concurrency(),
                        row.jitterSeconds(),
                        ts(row.createdAt()),
                        userId,
                        ts(row.modifiedAt()),
                        userId)
                .update();
    }

    int update(UUID tenantId, ProfileRow row, UUID userId) {
        return jdbc.sql("UPDATE scan_profile SET name = ?, description = ?, modules = ?::text[], policies = ?::text[],"
                        + " frameworks = ?::text[], selector = ?::jsonb, time_limit_seconds = ?, concurrency = ?,"
                        + " jitter_seconds = ?, modified_at = ?, modified_by = ? WHERE tenant_id = ? AND id = ?")
                .params(
                        row.name(),
                        row.description(),
                        textArray(row.modules()),
                        textArray(row.policies()),
                        textArray(row.frameworks()),
                        rows.json(row.selector()),
                        row.timeLimitSeconds(),
                        row.concurrency(),
                        row.jitterSeconds(),
                        ts(row.modifiedAt()),
                        userId,
                        tenantId,
                        row.id())
                .update();
    }

    int delete(UUID tenantId, UUID id) {
        return jdbc.sql("DELETE FROM scan_profile WHERE tenant_id = ? AND id = ?")
                .params(tenantId, id)
                .update();
    }

    Optional<ProfileRow> find(UUID tenantId, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM scan_profile WHERE tenant_id = ? AND id = ?")
                .params(tenantId, id)
                .query(this::map)
                .optional();
    }

    boolean nameTaken(UUID tenantId, String name, UUID except) {
        return jdbc.sql("SELECT count(*) FROM scan_profile WHERE tenant_id = ? AND lower(name) = lower(?) AND id <> ?")
                        .params(tenantId, name, except)
                        .query(Long.class)
                        .single()
                > 0;
    }

    long schedulesUsing(UUID tenantId, UUID profileId) {
        return jdbc.sql("SELECT count(*) FROM scan_schedule WHERE tenant_id = ? AND profile_id = ?")
                .params(tenantId, profileId)
                .query(Long.class)
                .single();
    }

    /** By name, then id; {@code query} narrows to names containing it (case-insensitive). */
    List<ProfileRow> list(UUID tenantId, String query, String afterName, UUID afterId, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM scan_profile WHERE tenant_id = ?");
        List<Object> params = new ArrayList<>(List.of(tenantId));
        if (query != null) {
            sql.append(" AND strpos(lower(name), lower(?)) > 0");
            params.add(query);
        }
        if (afterId != null) {
            sql.append(" AND (lower(name), id) > (lower(?), ?)");
            params.add(afterName);
            params.add(afterId);
        }
        sql.append(" ORDER BY lower(name), id LIMIT ?");
        params.add(limit);
        return jdbc.sql(sql.toString()).params(params).query(this::map).list();
    }

    private ProfileRow map(ResultSet rs, int row) throws SQLException {
        return new ProfileRow(
                rs.getObject("id", UUID.class),
                rs.getString("name"),
                rs.getString("description"),
                texts(rs, "modules"),
                texts(rs, "policies"),
                texts(rs, "frameworks"),
                rows.object(rs.getString("selector")),
                (Integer) rs.getObject("time_limit_seconds"),
                (Integer) rs.getObject("concurrency"),
                rs.getInt("jitter_seconds"),
                instant(rs, "created_at"),
                instant(rs, "modified_at"));
    }
}
