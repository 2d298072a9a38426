package io.tenantra.identity;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for what users change about themselves. Runs inside a tenant transaction of their tenant. */
@Repository
class ProfileRepository {

    private final JdbcClient jdbc;

    ProfileRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    boolean emailTakenByAnother(UUID tenantId, String email, UUID userId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM app_user WHERE tenant_id = ? AND lower(email) = lower(?)"
                        + " AND id <> ?)")
                .params(tenantId, email, userId)
                .query(Boolean.class)
                .single();
    }

    void updateProfile(UUID tenantId, UUID userId, String email, String displayName, Instant at, UUID actor) {
        jdbc.sql("UPDATE app_user SET email = ?, display_name = ?, modified_at = ?, modified_by = ?"
                        + " WHERE tenant_id = ? AND id = ?")
                .params(email, displayName, Timestamp.from(at), actor, tenantId, userId)
                .update();
    }

    /** A new password also ends any failure streak: the person has just proved who they are. */
    void updatePassword(UUID tenantId, UUID userId, String hash, Instant at, UUID actor) {
        jdbc.sql("UPDATE app_user SET password_hash = ?, failed_login_count = 0, locked_until = NULL,"
                        + " last_failed_at = NULL, modified_at = ?, modified_by = ? WHERE tenant_id = ? AND id = ?")
                .params(hash, Timestamp.from(at), actor, tenantId, userId)
                .update();
    }
}
