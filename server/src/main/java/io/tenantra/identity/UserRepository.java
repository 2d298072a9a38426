package io.tenantra.identity;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for users and their role bindings. Tenant-table access runs in a tenant transaction. */
@Repository
class UserRepository {

    private final JdbcClient jdbc;

    UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What login needs, found across tenants through the narrow SECURITY DEFINER function. */
    Optional<LoginRecord> findLogin(String username) {
        return jdbc.sql(
                        "SELECT user_id, tenant_id, username, password_hash, active, tenant_status FROM auth_find_login(?)")
                .param(username)
                .query((rs, i) -> new LoginRecord(
                        rs.getObject(1, UUID.class),
                        rs.getObject(2, UUID.class),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getBoolean(5),
                        "ACTIVE".equals(rs.getString(6))))
                .optional();
    }

    /**
     * The user's bindings with their permissions resolved: built-in roles from code, custom roles
     * from the nearest definition up the tree. A binding to a role that no longer exists grants
     * nothing.
     */
    List<RoleBinding> bindingsOf(UUID userId) {
        return jdbc.sql("SELECT tenant_id, role, subtree, permissions FROM auth_role_bindings(?) ORDER BY role")
                .param(userId)
                .query((rs, i) -> {
                    String role = rs.getString(2);
                    java.sql.Array custom = rs.getArray(4);
                    Set<Permission> permissions = BuiltInRole.find(role).isPresent()
                            ? BuiltInRole.find(role).get().permissions()
                            : custom == null ? Set.of() : Permissions.parse((String[]) custom.getArray());
                    return new RoleBinding(rs.getObject(1, UUID.class), role, rs.getBoolean(3), permissions);
                })
                .list();
    }

    Optional<UserRow> find(UUID tenantId, UUID userId) {
        return jdbc.sql("SELECT id, tenant_id, username, email, display_name, active, created_at FROM app_user"
                        + " WHERE tenant_id = ? AND id = ?")
                .params(tenantId, userId)
                .query((rs, i) -> new UserRow(
                        rs.getObject(1, UUID.class),
                        rs.getObject(2, UUID.class),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getBoolean(6),
                        rs.getTimestamp(7).toInstant()))
                .optional();
    }

    boolean usernameTaken(String username) {
        return findLogin(username).isPresent();
    }

    void insert(UserRow user, String passwordHash, UUID actor) {
        Timestamp now = Timestamp.from(user.createdAt());
        jdbc.sql("INSERT INTO app_user (id, tenant_id, username, email, display_name, password_hash, active,"
                        + " created_at, created_by, modified_at, modified_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        user.id(),
                        user.tenantId(),
                        user.username(),
                        user.email(),
                        user.displayName(),
                        passwordHash,
                        user.active(),
                        now,
                        actor,
                        now,
                        actor)
                .update();
    }

    void bind(UUID bindingTenant, UUID userId, String role, boolean subtree, Instant at, UUID actor) {
        jdbc.sql("INSERT INTO role_binding (id, tenant_id, user_id, role, subtree, created_at, created_by)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(UUID.randomUUID(), bindingTenant, userId, role, subtree, Timestamp.from(at), actor)
                .update();
    }

    long countUsers() {
        return jdbc.sql("SELECT count(*) FROM app_user").query(Long.class).single();
    }

    record LoginRecord(
            UUID userId, UUID tenantId, String username, String passwordHash, boolean active, boolean tenantActive) {}

    record UserRow(
            UUID id,
            UUID tenantId,
            String username,
            String email,
            String displayName,
            boolean active,
            Instant createdAt) {}
}
