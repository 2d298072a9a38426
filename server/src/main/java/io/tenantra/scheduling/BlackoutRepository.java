package io.tenantra.scheduling;

import static io.tenantra.scheduling.Rows.instant;
import static io.tenantra.scheduling.Rows.ts;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Time;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for blackout windows; callers run inside a tenant transaction. */
@Repository
class BlackoutRepository {

    private static final String COLUMNS = "id, name, tag_key, tag_value, kind, zone, days, start_time, end_time, cron,"
            + " duration_minutes, starts_at, ends_at, created_at";

    private final JdbcClient jdbc;

    BlackoutRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A stored window with when it was created. */
    record StoredWindow(BlackoutWindow window, Instant createdAt) {}

    void insert(UUID tenantId, BlackoutWindow w, Instant at, UUID userId) {
        jdbc.sql("INSERT INTO blackout_window (id, tenant_id, name, tag_key, tag_value, kind, zone, days, start_time,"
                        + " end_time, cron, duration_minutes, starts_at, ends_at, created_at, created_by)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?::smallint[], ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        w.id(),
                        tenantId,
                        w.name(),
                        w.tagKey(),
                        w.tagValue(),
                        w.kind(),
                        w.zone().getId(),
                        w.days() == null
                                ? null
                                : w.days().stream()
                                        .map(d -> String.valueOf(d.getValue()))
                                        .sorted()
                                        .reduce((a, b) -> a + "," + b)
                                        .map(s -> "{" + s + "}")
                                        .orElse("{}"),
                        w.startTime() == null ? null : Time.valueOf(w.startTime()),
                        w.endTime() == null ? null : Time.valueOf(w.endTime()),
                        w.cron() == null ? null : w.cron().expression(),
                        w.duration() == null ? null : (int) w.duration().toMinutes(),
                        ts(w.startsAt()),
                        ts(w.endsAt()),
                        ts(at),
                        userId)
                .update();
    }

    int delete(UUID tenantId, UUID id) {
        return jdbc.sql("DELETE FROM blackout_window WHERE tenant_id = ? AND id = ?")
                .params(tenantId, id)
                .update();
    }

    boolean nameTaken(UUID tenantId, String name) {
        return jdbc.sql("SELECT count(*) FROM blackout_window WHERE tenant_id = ? AND lower(name) = lower(?)")
                        .params(tenantId, name)
                        .query(Long.class)
                        .single()
                > 0;
    }

    Optional<StoredWindow> find(UUID tenantId, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM blackout_window WHERE tenant_id = ? AND id = ?")
                .params(tenantId, id)
                .query(BlackoutRepository::map)
                .optional();
    }

    /** Every window of the tenant (windows are few: a tenant has a handful, not thousands). */
    List<StoredWindow> all(UUID tenantId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM blackout_window WHERE tenant_id = ? ORDER BY lower(name), id"
                        + " LIMIT 1000")
                .params(tenantId)
                .query(BlackoutRepository::map)
                .list();
    }

    List<StoredWindow> list(UUID tenantId, String query, String afterName, UUID afterId, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM blackout_window WHERE tenant_id = ?");
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
        return jdbc.sql(sql.toString())
                .params(params)
                .query(BlackoutRepository::map)
                .list();
    }

    long count(UUID tenantId) {
        return jdbc.sql("SELECT count(*) FROM blackout_window WHERE tenant_id = ?")
                .params(tenantId)
                .query(Long.class)
                .single();
    }

    private static StoredWindow map(ResultSet rs, int row) throws SQLException {
        ZoneId zone = ZoneId.of(rs.getString("zone"));
        Array dayArray = rs.getArray("days");
        Set<DayOfWeek> days = null;
        if (dayArray != null) {
            days = EnumSet.noneOf(DayOfWeek.class);
            for (Object day : (Object[]) dayArray.getArray()) {
                days.add(DayOfWeek.of(((Number) day).intValue()));
            }
        }
        Time start = rs.getTime("start_time");
        Time end = rs.getTime("end_time");
        String cronText = rs.getString("cron");
        CronSchedule cron = cronText == null
                ? null
                : CronSchedule.parse(cronText, zone.getId(), "cron", "zone").schedule();
        Integer minutes = (Integer) rs.getObject("duration_minutes");
        BlackoutWindow window = new BlackoutWindow(
                rs.getObject("id", UUID.class),
                rs.getString("name"),
                rs.getString("tag_key"),
                rs.getString("tag_value"),
                rs.getString("kind"),
                zone,
                days,
                start == null ? null : start.toLocalTime(),
                end == null ? null : end.toLocalTime(),
                cron,
                minutes == null ? null : Duration.ofMinutes(minutes),
                instant(rs, "starts_at"),
                instant(rs, "ends_at"));
        return new StoredWindow(window, instant(rs, "created_at"));
    }
}
