package io.tenantra.useradmin;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL for administering the users of one tenant: listing, changing, deleting them and replacing
 * their role bindings there. Every statement names the tenant and runs in a tenant transaction.
 */
@Repository
class UserAdminRepository {

    private static final String COLUMNS = "id, tenant_id, username, email, display_name, active, created_at,"
            + " created_by, modified_at, modified_by";
    // Serialises the "keep one administrator on the root tenant" rule across concurrent requests.
    private static final long ROOT_ADMINS_LOCK = 0x7465_6e61_6e74_7261L;

    private final JdbcClient jdbc;

    UserAdminRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One page ordered by lower(username), id; {@code afterName}/{@code afterId} from the cursor. */
    List<UserRecord> list(UUID tenantId, Boolean active, String q, String afterName, UUID afterId, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM app_user WHERE tenant_id = :tenant");
        Map<String, Object> params = new HashMap<>();
        params.put("tenant", tenantId);
        if (active != null) {
            sql.append(" AND active = :active");
            params.put("active", active);
        }
        if (q != null && !q.isEmpty()) {
            sql.append(" AND (lower(username) LIKE :q ESCAPE '\\' OR lower(email) LIKE :q ESCAPE '\\'"
                    + " OR lower(display_name) LIKE :q ESCAPE '\\')");
            params.put("q", "%" + likeEscape(q.toLowerCase(java.util.Locale.ROOT)) + "%");
        }
        if (afterName != null) {
            sql.append(" AND (lower(username), id) > (:afterName, :afterId)");
            params.put("afterName", afterName);
            params.put("afterId", afterId);
        }
        sql.append(" ORDER BY lower(username), id LIMIT :limit");
        params.put("limit", limit);
        return jdbc.sql(sql.toString())
                .params(params)
                .query(UserAdminRepository::map)
                .list();
    }

    Optional<UserRecord> find(UUID tenantId, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM app_user WHERE tenant_id = ? AND id = ?")
                .params(tenantId, id)
                .query(UserAdminRepository::map)
                .optional();
    }

    /** Locks the user's row for the rest of the transaction, so that changes to it are serialised. */
    Optional<UserRecord> findForUpdate(UUID tenantId, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM app_user WHERE tenant_id = ? AND id = ? FOR UPDATE")
                .params(tenantId, id)
                .query(UserAdminRepository::map)
                .optional();
    }

    boolean emailTaken(UUID tenantId, String email, UUID exceptId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM app_user WHERE tenant_id = ? AND lower(email) = lower(?)"
                        + " AND id IS DISTINCT FROM ?)")
                .params(tenantId, email, exceptId)
                .query(Boolean.class)
                .single();
    }

    /** The bindings on {@code tenantId} of each of the users, by role name. */
    Map<UUID, List<RoleGrant>> grantsOn(UUID tenantId, Collection<UUID> userIds) {
        Map<UUID, List<RoleGrant>> result = new HashMap<>();
        if (userIds.isEmpty()) {
            return result;
        }
        jdbc.sql("SELECT user_id, role, subtree FROM role_binding WHERE tenant_id = :tenant AND user_id IN (:users)"
                        + " ORDER BY role")
                .param("tenant", tenantId)
                .param("users", userIds)
                .query(rs -> {
                    result.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                            .add(new RoleGrant(rs.getString(2), rs.getBoolean(3)));
                });
        return result;
    }

    void replaceGrants(UUID tenantId, UUID userId, List<RoleGrant> grants, Instant at, UUID actor) {
        jdbc.sql("DELETE FROM role_binding WHERE tenant_id = ? AND user_id = ?")
                .params(tenantId, userId)
                .update();
        for (RoleGrant grant : grants) {
            jdbc.sql("INSERT INTO role_binding (id, tenant_id, user_id, role, subtree, created_at, created_by)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?)")
                    .params(
                            UUID.randomUUID(),
                            tenantId,
                            userId,
                            grant.role(),
                            grant.subtree(),
                            Timestamp.from(at),
                            actor)
                    .update();
        }
    }

    void update(UserRecord user) {
        jdbc.sql("UPDATE app_user SET email = ?, display_name = ?, active = ?, modified_at = ?, modified_by = ?"
                        + " WHERE tenant_id = ? AND id = ?")
                .params(
                        user.email(),
                        user.displayName(),
                        user.active(),
                        Timestamp.from(user.modifiedAt()),
                        user.modifiedBy(),
                        user.tenantId(),
                        user.id())
                .update();
    }

    /** Revokes every live session of the user; returns their ids so cached answers can be dropped. */
    List<UUID> revokeSessions(UUID tenantId, UUID userId, String reason, Instant at) {
        return jdbc.sql("UPDATE auth_session SET revoked_at = ?, revoked_reason = ? WHERE tenant_id = ? AND user_id = ?"
                        + " AND revoked_at IS NULL RETURNING id")
                .params(Timestamp.from(at), reason, tenantId, userId)
                .query(UUID.class)
                .list();
    }

    /** Removes the user with its bindings and sessions on its tenant; returns the session ids. */
    List<UUID> delete(UUID tenantId, UUID userId) {
        List<UUID> sessions = jdbc.sql("DELETE FROM auth_session WHERE tenant_id = ? AND user_id = ? RETURNING id")
                .params(tenantId, userId)
                .query(UUID.class)
                .list();
        jdbc.sql("DELETE FROM role_binding WHERE tenant_id = ? AND user_id = ?")
                .params(tenantId, userId)
                .update();
        // Bindings on other tenants (made outside this API) go with the row: ON DELETE CASCADE.
        jdbc.sql("DELETE FROM app_user WHERE tenant_id = ? AND id = ?")
                .params(tenantId, userId)
                .update();
        return sessions;
    }

    /** Held until the transaction ends; see {@link #ROOT_ADMINS_LOCK}. */
    void lockRootAdmins() {
        jdbc.sql("SELECT 1 FROM pg_advisory_xact_lock(?)")
                .param(ROOT_ADMINS_LOCK)
                .query(Integer.class)
                .single();
    }

    /** Active users other than {@code exceptId} holding one of {@code roles} on the root tenant. */
    long countOtherActiveAdmins(UUID rootId, Collection<String> roles, UUID exceptId) {
        return jdbc.sql("SELECT count(DISTINCT u.id) FROM role_binding b JOIN app_user u ON u.id = b.user_id"
                        + " WHERE b.tenant_id = :root AND u.tenant_id = :root AND b.role IN (:roles) AND u.active"
                        + " AND u.id <> :except")
                .param("root", rootId)
                .param("roles", roles)
                .param("except", exceptId)
                .query(Long.class)
                .single();
    }

    private static String likeEscape(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static UserRecord map(ResultSet rs, int row) throws SQLException {
        return new UserRecord(
                rs.getObject("id", UUID.class),
                rs.getObject("tenant_id", UUID.class),
                rs.getString("username"),
                rs.getString("email"),
                rs.getString("display_name"),
                rs.getBoolean("active"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getObject("created_by", UUID.class),
                rs.getTimestamp("modified_at").toInstant(),
                rs.getObject("modified_by", UUID.class));
    }

    record UserRecord(
            UUID id,
            UUID tenantId,
            String username,
            String email,
            String displayName,
            boolean active,
            Instant createdAt,
            UUID createdBy,
            Instant modifiedAt,
            UUID modifiedBy) {

        UserAccount toAccount(List<RoleGrant> roles) {
            return new UserAccount(
                    id,
                    tenantId,
                    username,
                    email,
                    displayName,
                    active,
                    roles,
                    createdAt,
                    createdBy,
                    modifiedAt,
                    modifiedBy);
        }
    }
}
