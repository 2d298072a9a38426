package io.tenantra.identity;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for signed-in sessions (refresh tokens). Runs inside a tenant transaction. */
@Repository
class SessionRepository {

    private final JdbcClient jdbc;

    SessionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(SessionRow s) {
        jdbc.sql("INSERT INTO auth_session (id, tenant_id, user_id, refresh_hash, created_at, refreshed_at, expires_at,"
                        + " ip, user_agent) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        s.id(),
                        s.tenantId(),
                        s.userId(),
                        s.refreshHash(),
                        Timestamp.from(s.createdAt()),
                        Timestamp.from(s.createdAt()),
                        Timestamp.from(s.expiresAt()),
                        s.ip(),
                        s.userAgent())
                .update();
    }

    /** Locks the row: two refreshes racing with the same token must not both succeed. */
    Optional<SessionRow> findForUpdate(UUID tenantId, UUID id) {
        return jdbc.sql(
                        "SELECT id, tenant_id, user_id, refresh_hash, created_at, expires_at, revoked_at, ip, user_agent"
                                + " FROM auth_session WHERE tenant_id = ? AND id = ? FOR UPDATE")
                .params(tenantId, id)
                .query((rs, i) -> new SessionRow(
                        rs.getObject(1, UUID.class),
                        rs.getObject(2, UUID.class),
                        rs.getObject(3, UUID.class),
                        rs.getString(4),
                        rs.getTimestamp(5).toInstant(),
                        rs.getTimestamp(6).toInstant(),
                        rs.getTimestamp(7) == null ? null : rs.getTimestamp(7).toInstant(),
                        rs.getString(8),
                        rs.getString(9)))
                .optional();
    }

    void rotate(UUID tenantId, UUID id, String newHash, Instant at) {
        jdbc.sql("UPDATE auth_session SET refresh_hash = ?, refreshed_at = ? WHERE tenant_id = ? AND id = ?")
                .params(newHash, Timestamp.from(at), tenantId, id)
                .update();
    }

    void revoke(UUID tenantId, UUID id, String reason, Instant at) {
        jdbc.sql("UPDATE auth_session SET revoked_at = ?, revoked_reason = ? WHERE tenant_id = ? AND id = ?"
                        + " AND revoked_at IS NULL")
                .params(Timestamp.from(at), reason, tenantId, id)
                .update();
    }

    record SessionRow(
            UUID id,
            UUID tenantId,
            UUID userId,
            String refreshHash,
            Instant createdAt,
            Instant expiresAt,
            Instant revokedAt,
            String ip,
            String userAgent) {}
}
