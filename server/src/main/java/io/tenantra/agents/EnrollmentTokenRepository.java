package io.tenantra.agents;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for enrollment tokens; callers run inside a tenant transaction. */
@Repository
class EnrollmentTokenRepository {

    private static final String COLUMNS = "id, tenant_id, name, secret_hash, tags::text, max_uses, uses, expires_at,"
            + " revoked_at, last_used_at, created_at";

    private final JdbcClient jdbc;
    private final AgentJson json;

    EnrollmentTokenRepository(JdbcClient jdbc, AgentJson json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void insert(TokenRow token, UUID actor) {
        jdbc.sql("INSERT INTO enrollment_token (id, tenant_id, name, secret_hash, tags, max_uses, expires_at,"
                        + " created_at, created_by) VALUES (?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?)")
                .params(
                        token.id(),
                        token.tenantId(),
                        token.name(),
                        token.secretHash(),
                        json.write(token.tags()),
                        token.maxUses(),
                        ts(token.expiresAt()),
                        ts(token.createdAt()),
                        actor)
                .update();
    }

    boolean liveNameTaken(UUID tenantId, String name) {
        return jdbc.sql("SELECT count(*) FROM enrollment_token WHERE tenant_id = ? AND lower(name) = lower(?)"
                                + " AND revoked_at IS NULL")
                        .params(tenantId, name)
                        .query(Long.class)
                        .single()
                > 0;
    }

    Optional<TokenRow> find(UUID tenantId, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM enrollment_token WHERE tenant_id = ? AND id = ?")
                .params(tenantId, id)
                .query(this::map)
                .optional();
    }

    Optional<TokenRow> findForUpdate(UUID tenantId, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM enrollment_token WHERE tenant_id = ? AND id = ? FOR UPDATE")
                .params(tenantId, id)
                .query(this::map)
                .optional();
    }

    /** Newest first; {@code after} is the (createdAt, id) of the previous page's last row. */
    List<TokenRow> list(UUID tenantId, Instant afterCreated, UUID afterId, int limit) {
        String where = afterId == null ? "" : " AND (created_at, id) < (?, ?)";
        var statement = jdbc.sql("SELECT " + COLUMNS + " FROM enrollment_token WHERE tenant_id = ?" + where
                        + " ORDER BY created_at DESC, id DESC LIMIT ?")
                .param(tenantId);
        if (afterId != null) {
            statement = statement.param(ts(afterCreated)).param(afterId);
        }
        return statement.param(limit).query(this::map).list();
    }

    void recordUse(UUID tenantId, UUID id, Instant at) {
        jdbc.sql("UPDATE enrollment_token SET uses = uses + 1, last_used_at = ? WHERE tenant_id = ? AND id = ?")
                .params(ts(at), tenantId, id)
                .update();
    }

    boolean revoke(UUID tenantId, UUID id, Instant at, UUID actor) {
        return jdbc.sql("UPDATE enrollment_token SET revoked_at = ?, revoked_by = ? WHERE tenant_id = ? AND id = ?"
                                + " AND revoked_at IS NULL")
                        .params(ts(at), actor, tenantId, id)
                        .update()
                == 1;
    }

    private TokenRow map(ResultSet rs, int row) throws SQLException {
        return new TokenRow(
                rs.getObject(1, UUID.class),
                rs.getObject(2, UUID.class),
                rs.getString(3),
                rs.getString(4),
                json.tags(rs.getString(5)),
                (Integer) rs.getObject(6),
                rs.getInt(7),
                instant(rs, 8),
                instant(rs, 9),
                instant(rs, 10),
                instant(rs, 11));
    }

    static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }

    record TokenRow(
            UUID id,
            UUID tenantId,
            String name,
            String secretHash,
            Map<String, String> tags,
            Integer maxUses,
            int uses,
            Instant expiresAt,
            Instant revokedAt,
            Instant lastUsedAt,
            Instant createdAt) {

        /** active, expired, exhausted or revoked: why the token does or does not enroll. */
        String status(Instant now) {
            if (revokedAt != null) {
                return "revoked";
            }
            if (expiresAt != null && !expiresAt.isAfter(now)) {
                return "expired";
            }
            if (maxUses != null && uses >= maxUses) {
                return "exhausted";
            }
            return "active";
        }
    }
}
