package io.tenantra.useradmin;

import io.tenantra.identity.Permission;
import io.tenantra.identity.Permissions;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for custom roles and the bindings that name them. Runs inside a tenant transaction. */
@Repository
class CustomRoleRepository {

    private static final String COLUMNS =
            "id, tenant_id, name, description, permissions, created_at, created_by, modified_at, modified_by";

    private final JdbcClient jdbc;

    CustomRoleRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<RoleRow> findOn(Collection<UUID> tenantIds) {
        return jdbc.sql("SELECT " + COLUMNS
                        + " FROM custom_role WHERE tenant_id IN (:tenants) ORDER BY lower(name), id")
                .param("tenants", tenantIds)
                .query(CustomRoleRepository::map)
                .list();
    }

    Optional<RoleRow> findAmong(Collection<UUID> tenantIds, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM custom_role WHERE tenant_id IN (:tenants) AND id = :id")
                .param("tenants", tenantIds)
                .param("id", id)
                .query(CustomRoleRepository::map)
                .optional();
    }

    /** Locks the role so that concurrent changes and new bindings are decided one at a time. */
    Optional<RoleRow> findForUpdate(UUID tenantId, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM custom_role WHERE tenant_id = ? AND id = ? FOR UPDATE")
                .params(tenantId, id)
                .query(CustomRoleRepository::map)
                .optional();
    }

    /** The tenants among {@code tenantIds} that define a role named {@code name}, ignoring case. */
    List<UUID> tenantsDefining(Collection<UUID> tenantIds, String name, UUID exceptId) {
        return jdbc.sql("SELECT tenant_id FROM custom_role WHERE tenant_id IN (:tenants) AND lower(name) = lower(:name)"
                        + " AND id IS DISTINCT FROM :except")
                .param("tenants", tenantIds)
                .param("name", name)
                .param("except", exceptId)
                .query(UUID.class)
                .list();
    }

    long countOn(UUID tenantId) {
        return jdbc.sql("SELECT count(*) FROM custom_role WHERE tenant_id = ?")
                .param(tenantId)
                .query(Long.class)
                .single();
    }

    /** How many bindings on {@code tenantIds} name the role. */
    long countBindings(Collection<UUID> tenantIds, String name) {
        return jdbc.sql("SELECT count(*) FROM role_binding WHERE tenant_id IN (:tenants) AND role = :name")
                .param("tenants", tenantIds)
                .param("name", name)
                .query(Long.class)
                .single();
    }

    void insert(RoleRow role) {
        jdbc.sql("INSERT INTO custom_role (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        role.id(),
                        role.tenantId(),
                        role.name(),
                        role.description(),
                        role.permissions().toArray(String[]::new),
                        Timestamp.from(role.createdAt()),
                        role.createdBy(),
                        Timestamp.from(role.modifiedAt()),
                        role.modifiedBy())
                .update();
    }

    void update(RoleRow role) {
        jdbc.sql("UPDATE custom_role SET name = ?, description = ?, permissions = ?, modified_at = ?, modified_by = ?"
                        + " WHERE tenant_id = ? AND id = ?")
                .params(
                        role.name(),
                        role.description(),
                        role.permissions().toArray(String[]::new),
                        Timestamp.from(role.modifiedAt()),
                        role.modifiedBy(),
                        role.tenantId(),
                        role.id())
                .update();
    }

    void delete(UUID tenantId, UUID id) {
        jdbc.sql("DELETE FROM custom_role WHERE tenant_id = ? AND id = ?")
                .params(tenantId, id)
                .update();
    }

    private static RoleRow map(ResultSet rs, int row) throws SQLException {
        return new RoleRow(
                rs.getObject("id", UUID.class),
                rs.getObject("tenant_id", UUID.class),
                rs.getString("name"),
                rs.getString("description"),
                List.of((String[]) rs.getArray("permissions").getArray()),
                rs.getTimestamp("created_at").toInstant(),
                rs.getObject("created_by", UUID.class),
                rs.getTimestamp("modified_at").toInstant(),
                rs.getObject("modified_by", UUID.class));
    }

    /**
     * A stored custom role. Permissions stay as stored names: one this version does not know
     * grants nothing but is kept, so an older node never erases a newer node's permission.
     */
    record RoleRow(
            UUID id,
            UUID tenantId,
            String name,
            String description,
            List<String> permissions,
            Instant createdAt,
            UUID createdBy,
            Instant modifiedAt,
            UUID modifiedBy) {

        Set<Permission> granted() {
            return Permissions.parse(permissions.toArray(String[]::new));
        }
    }
}
