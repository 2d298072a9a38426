package io.tenantra.scheduling;

import static io.tenantra.scheduling.Rows.instant;
import static io.tenantra.scheduling.Rows.ts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for schedules; callers run inside a tenant transaction. */
@Repository
class ScheduleRepository {

    private static final String COLUMNS = "s.id, s.name, s.profile_id, p.name AS profile_name, s.cron, s.zone,"
            + " s.enabled, s.owner_id, s.catch_up, s.blackout, s.next_run_at, s.last_run_at, s.deferred_run_id,"
            + " s.deferred_until, s.created_at, s.modified_at";
    private static final String FROM = " FROM scan_schedule s JOIN scan_profile p ON p.id = s.profile_id";

    private final JdbcClient jdbc;

    ScheduleRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A schedule as stored, with its profile's name. */
    record ScheduleRow(
            UUID id,
            String name,
            UUID profileId,
            String profileName,
            String cron,
            String zone,
            boolean enabled,
            UUID ownerId,
            String catchUp,
            String blackout,
            Instant nextRunAt,
            Instant lastRunAt,
            UUID deferredRunId,
            Instant deferredUntil,
            Instant createdAt,
            Instant modifiedAt) {}

    void insert(UUID tenantId, ScheduleRow row, UUID userId) {
        jdbc.sql("INSERT INTO scan_schedule (id, tenant_id, name, profile_id, cron, zone, enabled, owner_id, catch_up,"
                        + " blackout, next_run_at, created_at, created_by, modified_at, modified_by)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        row.id(),
                        tenantId,
                        row.name(),
                        row.profileId(),
                        row.cron(),
                        row.zone(),
                        row.enabled(),
                        row.ownerId(),
                        row.catchUp(),
                        row.blackout(),
                        ts(row.nextRunAt()),
                        ts(row.createdAt()),
                        userId,
                        ts(row.modifiedAt()),
                        userId)
                .update();
    }

    /** Replaces what a client may change, and the next due time computed from it. */
    void update(UUID tenantId, ScheduleRow row, UUID userId) {
        jdbc.sql("UPDATE scan_schedule SET name = ?, profile_id = ?, cron = ?, zone = ?, enabled = ?, catch_up = ?,"
                        + " blackout = ?, next_run_at = ?, deferred_run_id = ?, deferred_until = ?, modified_at = ?,"
                        + " modified_by = ? WHERE tenant_id = ? AND id = ?")
                .params(
                        row.name(),
                        row.profileId(),
                        row.cron(),
                        row.zone(),
                        row.enabled(),
                        row.catchUp(),
                        row.blackout(),
                        ts(row.nextRunAt()),
                        row.deferredRunId(),
                        ts(row.deferredUntil()),
                        ts(row.modifiedAt()),
                        userId,
                        tenantId,
                        row.id())
                .update();
    }

    /** What a handled due time leaves behind: the next due time, the last start, a deferred run. */
    void advance(UUID tenantId, UUID id, Instant nextRunAt, Instant lastRunAt, UUID deferredRunId, Instant until) {
        jdbc.sql("UPDATE scan_schedule SET next_run_at = ?, last_run_at = COALESCE(?, last_run_at),"
                        + " deferred_run_id = ?, deferred_until = ? WHERE tenant_id = ? AND id = ?")
                .params(ts(nextRunAt), ts(lastRunAt), deferredRunId, ts(until), tenantId, id)
                .update();
    }

    void touchLastRun(UUID tenantId, UUID id, Instant at) {
        jdbc.sql("UPDATE scan_schedule SET last_run_at = ? WHERE tenant_id = ? AND id = ?")
                .params(ts(at), tenantId, id)
                .update();
    }

    int delete(UUID tenantId, UUID id) {
        return jdbc.sql("DELETE FROM scan_schedule WHERE tenant_id = ? AND id = ?")
                .params(tenantId, id)
                .update();
    }

    Optional<ScheduleRow> find(UUID tenantId, UUID id, boolean forUpdate) {
        return jdbc.sql("SELECT " + COLUMNS + FROM + " WHERE s.tenant_id = ? AND s.id = ?"
                        + (forUpdate ? " FOR UPDATE OF s" : ""))
                .params(tenantId, id)
                .query(ScheduleRepository::map)
                .optional();
    }

    boolean nameTaken(UUID tenantId, String name, UUID except) {
        return jdbc.sql("SELECT count(*) FROM scan_schedule WHERE tenant_id = ? AND lower(name) = lower(?) AND id <> ?")
                        .params(tenantId, name, except)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** By name, then id; {@code query} narrows to names containing it (case-insensitive). */
    List<ScheduleRow> list(UUID tenantId, String query, String afterName, UUID afterId, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + FROM + " WHERE s.tenant_id = ?");
        List<Object> params = new ArrayList<>(List.of(tenantId));
        if (query != null) {
            sql.append(" AND strpos(lower(s.name), lower(?)) > 0");
            params.add(query);
        }
        if (afterId != null) {
            sql.append(" AND (lower(s.name), s.id) > (lower(?), ?)");
            params.add(afterName);
            params.add(afterId);
        }
        sql.append(" ORDER BY lower(s.name), s.id LIMIT ?");
        params.add(limit);
        return jdbc.sql(sql.toString())
                .params(params)
                .query(ScheduleRepository::map)
                .list();
    }

    /** Every enabled schedule of the tenant (for the calendar), at most {@code limit}. */
    List<ScheduleRow> enabled(UUID tenantId, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + FROM + " WHERE s.tenant_id = ? AND s.enabled ORDER BY lower(s.name)"
                        + " LIMIT ?")
                .params(tenantId, limit)
                .query(ScheduleRepository::map)
                .list();
    }

    private static ScheduleRow map(ResultSet rs, int row) throws SQLException {
        return new ScheduleRow(
                rs.getObject("id", UUID.class),
                rs.getString("name"),
                rs.getObject("profile_id", UUID.class),
                rs.getString("profile_name"),
                rs.getString("cron"),
                rs.getString("zone"),
                rs.getBoolean("enabled"),
                rs.getObject("owner_id", UUID.class),
                rs.getString("catch_up"),
                rs.getString("blackout"),
                instant(rs, "next_run_at"),
                instant(rs, "last_run_at"),
                rs.getObject("deferred_run_id", UUID.class),
                instant(rs, "deferred_until"),
                instant(rs, "created_at"),
                instant(rs, "modified_at"));
    }
}
