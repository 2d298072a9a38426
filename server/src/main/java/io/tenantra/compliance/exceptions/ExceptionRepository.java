package io.tenantra.compliance.exceptions;

import io.tenantra.compliance.evaluation.Verdict;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for exceptions and their history; callers run inside a tenant transaction. */
@Repository
class ExceptionRepository {

    private static final String COLUMNS = "id, tenant_id, check_id, asset_id, tag_key, tag_value, kind, override_to,"
            + " reason, expires_at, requested_at, requested_by, requested_by_name, decision, decided_at,"
            + " decided_by, decided_by_name, revoked_at, revoked_by, revoked_by_name";

    private final JdbcClient jdbc;

    ExceptionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(ExceptionRow row) {
        jdbc.sql("INSERT INTO compliance_exception (id, tenant_id, check_id, asset_id, tag_key, tag_value, kind,"
                        + " override_to, reason, expires_at, requested_at, requested_by, requested_by_name)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        row.id(),
                        row.tenantId(),
                        row.checkId(),
                        row.assetId(),
                        row.tagKey(),
                        row.tagValue(),
                        row.kind(),
                        row.overrideTo(),
                        row.reason(),
                        ts(row.expiresAt()),
                        ts(row.requestedAt()),
                        row.requestedBy(),
                        row.requestedByName())
                .update();
    }

    void history(UUID tenantId, UUID exceptionId, String action, Instant at, String actor, UUID userId, String note) {
        jdbc.sql("INSERT INTO compliance_exception_event (id, tenant_id, exception_id, action, at, actor, user_id,"
                        + " note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        UUID.randomUUID(),
                        tenantId,
                        exceptionId,
                        action,
                        ts(at),
                        actor,
                        userId,
                        note == null ? "" : note)
                .update();
    }

    List<ExceptionView.HistoryEntry> historyOf(UUID tenantId, UUID exceptionId) {
        return jdbc.sql("SELECT action, at, actor, note FROM compliance_exception_event"
                        + " WHERE tenant_id = ? AND exception_id = ? ORDER BY at, seq")
                .params(tenantId, exceptionId)
                .query((rs, i) -> new ExceptionView.HistoryEntry(
                        rs.getString(1), instant(rs, 2), rs.getString(3), rs.getString(4)))
                .list();
    }

    Optional<ExceptionRow> find(UUID tenantId, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM compliance_exception WHERE tenant_id = ? AND id = ?")
                .params(tenantId, id)
                .query(ExceptionRepository::map)
                .optional();
    }

    Optional<ExceptionRow> findForUpdate(UUID tenantId, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM compliance_exception WHERE tenant_id = ? AND id = ? FOR UPDATE")
                .params(tenantId, id)
                .query(ExceptionRepository::map)
                .optional();
    }

    void decide(UUID tenantId, UUID id, String decision, Instant at, UUID userId, String name) {
        jdbc.sql("UPDATE compliance_exception SET decision = ?, decided_at = ?, decided_by = ?, decided_by_name = ?"
                        + " WHERE tenant_id = ? AND id = ?")
                .params(decision, ts(at), userId, name, tenantId, id)
                .update();
    }

    void revoke(UUID tenantId, UUID id, Instant at, UUID userId, String name) {
        jdbc.sql("UPDATE compliance_exception SET revoked_at = ?, revoked_by = ?, revoked_by_name = ?"
                        + " WHERE tenant_id = ? AND id = ?")
                .params(ts(at), userId, name, tenantId, id)
                .update();
    }

    /** Marks expired approved exceptions as announced; returns those this call marked. */
    List<ExceptionRow> announceExpired(UUID tenantId, List<UUID> ids, Instant now) {
        return jdbc.sql("UPDATE compliance_exception SET expiry_announced_at = ? WHERE tenant_id = ?"
                        + " AND id = ANY(?::uuid[]) AND decision = 'approved' AND revoked_at IS NULL"
                        + " AND expiry_announced_at IS NULL AND expires_at <= ? RETURNING " + COLUMNS)
                .params(ts(now), tenantId, ids.stream().map(UUID::toString).toArray(String[]::new), ts(now))
                .query(ExceptionRepository::map)
                .list();
    }

    /** Approved, unrevoked exceptions whose expiry is after {@code now}. */
    List<ExceptionRow> active(UUID tenantId, Instant now) {
        return jdbc.sql(
                        "SELECT " + COLUMNS + " FROM compliance_exception WHERE tenant_id = ?"
                                + " AND decision = 'approved' AND revoked_at IS NULL AND expires_at > ? ORDER BY requested_at, id")
                .params(tenantId, ts(now))
                .query(ExceptionRepository::map)
                .list();
    }

    /** Newest request first, filtered; {@code after} is the (requestedAt, id) of the previous page's last row. */
    List<ExceptionRow> list(UUID tenantId, Filter filter, Instant now, Instant afterAt, UUID afterId, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM compliance_exception WHERE tenant_id = ?");
        List<Object> params = new ArrayList<>();
        params.add(tenantId);
        if (filter.state() != null) {
            sql.append(stateCondition(filter.state()));
            if (filter.state() != ExceptionState.REVOKED && filter.state() != ExceptionState.REJECTED) {
                params.add(ts(now));
            }
        }
        if (filter.checkId() != null) {
            sql.append(" AND check_id = ?");
            params.add(filter.checkId());
        }
        if (filter.assetId() != null) {
            sql.append(" AND asset_id = ?");
            params.add(filter.assetId());
        }
        if (afterId != null) {
            sql.append(" AND (requested_at, id) < (?, ?)");
            params.add(ts(afterAt));
            params.add(afterId);
        }
        sql.append(" ORDER BY requested_at DESC, id DESC LIMIT ?");
        params.add(limit);
        return jdbc.sql(sql.toString())
                .params(params)
                .query(ExceptionRepository::map)
                .list();
    }

    /** The SQL twin of {@link ExceptionRow#state}; every condition but the final ones takes "now". */
    private static String stateCondition(ExceptionState state) {
        return switch (state) {
            case REVOKED -> " AND revoked_at IS NOT NULL";
            case REJECTED -> " AND revoked_at IS NULL AND decision = 'rejected'";
            case EXPIRED -> " AND revoked_at IS NULL AND decision IS DISTINCT FROM 'rejected' AND expires_at <= ?";
            case APPROVED -> " AND revoked_at IS NULL AND decision = 'approved' AND expires_at > ?";
            case PENDING -> " AND revoked_at IS NULL AND decision IS NULL AND expires_at > ?";
        };
    }

    /** What a list may be narrowed to; null fields do not narrow. */
    record Filter(ExceptionState state, String checkId, UUID assetId) {}

    private static ExceptionRow map(ResultSet rs, int row) throws SQLException {
        return new ExceptionRow(
                rs.getObject(1, UUID.class),
                rs.getObject(2, UUID.class),
                rs.getString(3),
                rs.getObject(4, UUID.class),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                rs.getString(8),
                rs.getString(9),
                instant(rs, 10),
                instant(rs, 11),
                rs.getObject(12, UUID.class),
                rs.getString(13),
                rs.getString(14),
                instant(rs, 15),
                rs.getObject(16, UUID.class),
                rs.getString(17),
                instant(rs, 18),
                rs.getObject(19, UUID.class),
                rs.getString(20));
    }

    static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }

    /** One stored exception. */
    record ExceptionRow(
            UUID id,
            UUID tenantId,
            String checkId,
            UUID assetId,
            String tagKey,
            String tagValue,
            String kind,
            String overrideTo,
            String reason,
            Instant expiresAt,
            Instant requestedAt,
            UUID requestedBy,
            String requestedByName,
            String decision,
            Instant decidedAt,
            UUID decidedBy,
            String decidedByName,
            Instant revokedAt,
            UUID revokedBy,
            String revokedByName) {

        ExceptionState state(Instant now) {
            if (revokedAt != null) {
                return ExceptionState.REVOKED;
            }
            if ("rejected".equals(decision)) {
                return ExceptionState.REJECTED;
            }
            if (!expiresAt.isAfter(now)) {
                return ExceptionState.EXPIRED;
            }
            return "approved".equals(decision) ? ExceptionState.APPROVED : ExceptionState.PENDING;
        }

        String scope() {
            return assetId != null ? "asset" : tagKey != null ? "tag" : "tenant";
        }

        ExceptionView view(Instant now) {
            return new ExceptionView(
                    id,
                    tenantId,
                    checkId,
                    scope(),
                    assetId,
                    tagKey,
                    tagValue,
                    kind,
                    overrideTo,
                    reason,
                    expiresAt,
                    state(now).code(),
                    requestedAt,
                    requestedBy,
                    requestedByName,
                    decidedAt,
                    decidedByName,
                    revokedAt,
                    revokedByName,
                    null);
        }

        ActiveException active() {
            return new ActiveException(
                    id,
                    tenantId,
                    checkId,
                    assetId,
                    tagKey == null ? null : new AbstractMap.SimpleImmutableEntry<>(tagKey, tagValue),
                    ActiveException.Kind.valueOf(kind),
                    overrideTo == null ? null : Verdict.valueOf(overrideTo),
                    reason,
                    expiresAt);
        }
    }
}
