package io.tenantra.tenancy;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for the tenant table. Callers run inside a tenant transaction; RLS limits what is seen. */
@Repository
class TenantRepository {

    private static final String COLUMNS = "id, parent_id, name, slug, plan, status, created_at, modified_at";

    private final JdbcClient jdbc;

    TenantRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<UUID> rootId() {
        return jdbc.sql("SELECT root_tenant_id()").query(UUID.class).optional();
    }

    void insert(Tenant tenant, UUID actor) {
        jdbc.sql("INSERT INTO tenant (id, parent_id, name, slug, plan, status, created_at, created_by,"
                        + " modified_at, modified_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        tenant.id(),
                        tenant.parentId(),
                        tenant.name(),
                        tenant.slug(),
                        tenant.plan().name(),
                        tenant.status().name(),
                        Timestamp.from(tenant.createdAt()),
                        actor,
                        Timestamp.from(tenant.modifiedAt()),
                        actor)
                .update();
    }

    Optional<Tenant> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM tenant WHERE id = ?")
                .param(id)
                .query(TenantRepository::map)
                .optional();
    }

    List<Tenant> findAllVisible() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM tenant ORDER BY name")
                .query(TenantRepository::map)
                .list();
    }

    List<UUID> subtree(UUID root) {
        return jdbc.sql("SELECT id FROM tenant_subtree(?)")
                .param(root)
                .query(UUID.class)
                .list();
    }

    static Tenant map(ResultSet rs, int row) throws SQLException {
        return new Tenant(
                rs.getObject("id", UUID.class),
                rs.getObject("parent_id", UUID.class),
                rs.getString("name"),
                rs.getString("slug"),
                Tenant.Plan.valueOf(rs.getString("plan")),
                Tenant.Status.valueOf(rs.getString("status")),
                instant(rs, "created_at"),
                instant(rs, "modified_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }
}
