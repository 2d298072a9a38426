package io.tenantra.identity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL for what login decides on: the account found by name across tenants (through the narrow
 * SECURITY DEFINER function) and its lockout state. Lock-state reads and writes run inside a
 * tenant transaction of the account's tenant.
 */
@Repository
class LoginRepository {

    private final JdbcClient jdbc;

    LoginRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<LoginCandidate> find(String username) {
        return jdbc.sql("SELECT user_id, tenant_id, username, email, password_hash, active, tenant_status,"
                        + " failed_login_count, locked_until, last_failed_at, mfa_enabled FROM auth_find_login(?)")
                .param(username)
                .query((rs, i) -> new LoginCandidate(
                        rs.getObject(1, UUID.class),
                        rs.getObject(2, UUID.class),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getBoolean(6),
                        "ACTIVE".equals(rs.getString(7)),
                        state(rs, 8),
                        rs.getBoolean(11)))
                .optional();
    }

    /** The lock state, with the row locked so that concurrent failures count one by one. */
    Optional<LockoutPolicy.State> lockStateForUpdate(UUID tenantId, UUID userId) {
        return jdbc.sql("SELECT failed_login_count, locked_until, last_failed_at FROM app_user"
                        + " WHERE tenant_id = ? AND id = ? FOR UPDATE")
                .params(tenantId, userId)
                .query((rs, i) -> state(rs, 1))
                .optional();
    }

    void saveLockState(UUID tenantId, UUID userId, LockoutPolicy.State state) {
        jdbc.sql("UPDATE app_user SET failed_login_count = ?, locked_until = ?, last_failed_at = ?"
                        + " WHERE tenant_id = ? AND id = ?")
                .params(
                        state.failures(),
                        timestamp(state.lockedUntil()),
                        timestamp(state.lastFailureAt()),
                        tenantId,
                        userId)
                .update();
    }

    /** The stored password hash and lock state of a signed-in user, for re-checking their password. */
    Optional<StoredPassword> storedPassword(UUID tenantId, UUID userId) {
        return jdbc.sql("SELECT password_hash, failed_login_count, locked_until, last_failed_at FROM app_user"
                        + " WHERE tenant_id = ? AND id = ?")
                .params(tenantId, userId)
                .query((rs, i) -> new StoredPassword(rs.getString(1), state(rs, 2)))
                .optional();
    }

    private static LockoutPolicy.State state(ResultSet rs, int first) throws SQLException {
        return new LockoutPolicy.State(rs.getInt(first), instant(rs, first + 1), instant(rs, first + 2));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    /** An account as login sees it before any check. */
    record LoginCandidate(
            UUID userId,
            UUID tenantId,
            String username,
            String email,
            String passwordHash,
            boolean active,
            boolean tenantActive,
            LockoutPolicy.State lock,
            boolean mfaEnabled) {}

    record StoredPassword(String hash, LockoutPolicy.State lock) {}
}
