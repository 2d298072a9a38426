package io.tenantra.identity;

import io.tenantra.platform.secrets.SecretKeyring;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL for {@code user_mfa}. Runs inside a tenant transaction of the user's tenant. The TOTP seed is
 * sealed on the way in and opened on the way out: the rest of the code sees it in clear.
 */
@Repository
class MfaRepository {

    private static final String COLUMNS =
            "tenant_id, user_id, secret, created_at, confirmed_at, recovery_hashes," + " last_used_step";

    private final JdbcClient jdbc;
    private final SecretKeyring keyring;

    MfaRepository(JdbcClient jdbc, SecretKeyring keyring) {
        this.jdbc = jdbc;
        this.keyring = keyring;
    }

    Optional<MfaRow> find(UUID tenantId, UUID userId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM user_mfa WHERE tenant_id = ? AND user_id = ?")
                .params(tenantId, userId)
                .query(this::map)
                .optional();
    }

    /** Locks the row: two requests racing with the same code must not both have it accepted. */
    Optional<MfaRow> findForUpdate(UUID tenantId, UUID userId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM user_mfa WHERE tenant_id = ? AND user_id = ? FOR UPDATE")
                .params(tenantId, userId)
                .query(this::map)
                .optional();
    }

    boolean isEnabled(UUID tenantId, UUID userId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM user_mfa WHERE tenant_id = ? AND user_id = ?"
                        + " AND confirmed_at IS NOT NULL)")
                .params(tenantId, userId)
                .query(Boolean.class)
                .single();
    }

    /** Starts (or restarts) an enrolment; never touches an already confirmed authenticator. */
    void savePending(UUID tenantId, UUID userId, String secret, Instant at) {
        jdbc.sql("INSERT INTO user_mfa (tenant_id, user_id, secret, created_at) VALUES (?, ?, ?, ?)"
                        + " ON CONFLICT (tenant_id, user_id) DO UPDATE SET secret = EXCLUDED.secret,"
                        + " created_at = EXCLUDED.created_at, recovery_hashes = '{}', last_used_step = NULL"
                        + " WHERE user_mfa.confirmed_at IS NULL")
                .params(tenantId, userId, keyring.seal(secret, secretPlace(userId)), Timestamp.from(at))
                .update();
    }

    void confirm(UUID tenantId, UUID userId, Instant at, long step, List<String> recoveryHashes) {
        jdbc.sql("UPDATE user_mfa SET confirmed_at = ?, last_used_step = ?, recovery_hashes = ?::text[]"
                        + " WHERE tenant_id = ? AND user_id = ?")
                .params(Timestamp.from(at), step, arrayLiteral(recoveryHashes), tenantId, userId)
                .update();
    }

    void markStepUsed(UUID tenantId, UUID userId, long step) {
        jdbc.sql("UPDATE user_mfa SET last_used_step = ? WHERE tenant_id = ? AND user_id = ?")
                .params(step, tenantId, userId)
                .update();
    }

    void saveRecoveryHashes(UUID tenantId, UUID userId, List<String> recoveryHashes) {
        jdbc.sql("UPDATE user_mfa SET recovery_hashes = ?::text[] WHERE tenant_id = ? AND user_id = ?")
                .params(arrayLiteral(recoveryHashes), tenantId, userId)
                .update();
    }

    void delete(UUID tenantId, UUID userId) {
        jdbc.sql("DELETE FROM user_mfa WHERE tenant_id = ? AND user_id = ?")
                .params(tenantId, userId)
                .update();
    }

    // The hashes are lowercase hex, so the literal needs no quoting.
    private static String arrayLiteral(List<String> hashes) {
        for (String hash : hashes) {
            if (!hash.matches("[0-9a-f]+")) {
                throw new IllegalArgumentException("a recovery code hash must be lowercase hex");
            }
        }
        return "{" + String.join(",", hashes) + "}";
    }

    /** The seed is stored sealed, bound to its user (see {@link SecretKeyring}). */
    private static String secretPlace(UUID userId) {
        return SecretKeyring.place("user_mfa", "secret", userId);
    }

    private MfaRow map(ResultSet rs, int row) throws SQLException {
        Array hashes = rs.getArray(6);
        long step = rs.getLong(7);
        Long lastUsedStep = rs.wasNull() ? null : step;
        Timestamp confirmed = rs.getTimestamp(5);
        UUID userId = rs.getObject(2, UUID.class);
        return new MfaRow(
                rs.getObject(1, UUID.class),
                userId,
                keyring.open(rs.getString(3), secretPlace(userId)),
                rs.getTimestamp(4).toInstant(),
                confirmed == null ? null : confirmed.toInstant(),
                hashes == null ? List.of() : List.of((String[]) hashes.getArray()),
                lastUsedStep);
    }

    record MfaRow(
            UUID tenantId,
            UUID userId,
            String secret,
            Instant createdAt,
            Instant confirmedAt,
            List<String> recoveryHashes,
            Long lastUsedStep) {

        boolean confirmed() {
            return confirmedAt != null;
        }
    }
}
