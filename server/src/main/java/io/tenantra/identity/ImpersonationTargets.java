package io.tenantra.identity;

import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The users of one tenant that an impersonator picks from. Runs inside a tenant transaction. */
@Repository
class ImpersonationTargets {

    private final JdbcClient jdbc;

    ImpersonationTargets(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<UserRepository.UserRow> usersOf(UUID tenantId, int limit) {
        return jdbc.sql("SELECT id, tenant_id, username, email, display_name, active, created_at FROM app_user"
                        + " WHERE tenant_id = ? ORDER BY lower(username) LIMIT ?")
                .params(tenantId, limit)
                .query((rs, i) -> new UserRepository.UserRow(
                        rs.getObject(1, UUID.class),
                        rs.getObject(2, UUID.class),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getBoolean(6),
                        rs.getTimestamp(7).toInstant()))
                .list();
    }
}
