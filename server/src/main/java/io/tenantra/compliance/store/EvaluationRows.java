package io.tenantra.compliance.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for re-evaluation runs and their progress. */
@Repository
public class EvaluationRows {

    private final JdbcClient jdbc;

    EvaluationRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(UUID tenantId, UUID id, String reason, Instant at, UUID by) {
        jdbc.sql("INSERT INTO compliance_evaluation (id, tenant_id, reason, state, created_at, created_by)"
                        + " VALUES (?, ?, ?, 'queued', ?, ?)")
                .params(id, tenantId, reason, Timestamp.from(at), by)
                .update();
    }

    public Optional<EvaluationRun> find(UUID tenantId, UUID id) {
        return jdbc.sql(SELECT + " WHERE tenant_id = ? AND id = ?")
                .params(tenantId, id)
                .query((rs, i) -> row(rs))
                .optional();
    }

    /** Marks the run started with its total, unless it already finished (a re-delivered event). */
    public boolean start(UUID tenantId, UUID id, int total, Instant at) {
        return jdbc.sql("UPDATE compliance_evaluation SET state = 'running', total = ?, done = 0,"
                                + " started_at = coalesce(started_at, ?) WHERE tenant_id = ? AND id = ?"
                                + " AND state IN ('queued', 'running')")
                        .params(total, Timestamp.from(at), tenantId, id)
                        .update()
                > 0;
    }

    public void progress(UUID tenantId, UUID id, int done) {
        jdbc.sql("UPDATE compliance_evaluation SET done = ? WHERE tenant_id = ? AND id = ?")
                .params(done, tenantId, id)
                .update();
    }

    public void finish(UUID tenantId, UUID id, String state, String message, Instant at) {
        jdbc.sql("UPDATE compliance_evaluation SET state = ?, message = ?, finished_at = ?"
                        + " WHERE tenant_id = ? AND id = ?")
                .params(state, message, Timestamp.from(at), tenantId, id)
                .update();
    }

    private static final String SELECT = "SELECT id, tenant_id, reason, state, total, done, message, created_at,"
            + " started_at, finished_at FROM compliance_evaluation";

    private static EvaluationRun row(ResultSet rs) throws SQLException {
        return new EvaluationRun(
                rs.getObject(1, UUID.class),
                rs.getObject(2, UUID.class),
                rs.getString(3),
                rs.getString(4),
                rs.getInt(5),
                rs.getInt(6),
                rs.getString(7),
                rs.getTimestamp(8).toInstant(),
                instant(rs.getTimestamp(9)),
                instant(rs.getTimestamp(10)));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
