package io.tenantra.tenancy;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * SQL for the tenant table. Callers run inside a tenant transaction; RLS limits what is seen, and
 * every statement names the tenants it means as well.
 */
@Repository
class TenantRepository {

    private static final String COLUMNS = "id, parent_id, name, slug, plan, status, settings::text AS settings,"
            + " branding::text AS branding, created_at, created_by, modified_at, modified_by";
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};
    // Any constant will do: moves take it so that two concurrent moves cannot build a cycle.
    private static final long TREE_LOCK = 0x7465_6e61_6e74L;

    private final JdbcClient jdbc;
    private final JsonMapper json;

    TenantRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    Optional<UUID> rootId() {
        return jdbc.sql("SELECT root_tenant_id()").query(UUID.class).optional();
    }

    void insert(Tenant tenant) {
        jdbc.sql("INSERT INTO tenant (id, parent_id, name, slug, plan, status, settings, branding, created_at,"
                        + " created_by, modified_at, modified_by)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?)")
                .params(
                        tenant.id(),
                        tenant.parentId(),
                        tenant.name(),
                        tenant.slug(),
                        tenant.plan().name(),
                        tenant.status().name(),
                        json.writeValueAsString(tenant.settings().toMap()),
                        json.writeValueAsString(tenant.branding().toMap()),
                        Timestamp.from(tenant.createdAt()),
                        tenant.createdBy(),
                        Timestamp.from(tenant.modifiedAt()),
                        tenant.modifiedBy())
                .update();
    }

    /** Everything but the id, slug and creation stamp, which never change. */
    void update(Tenant tenant) {
        jdbc.sql("UPDATE tenant SET parent_id = ?, name = ?, plan = ?, status = ?, settings = ?::jsonb,"
                        + " branding = ?::jsonb, modified_at = ?, modified_by = ? WHERE id = ?")
                .params(
                        tenant.parentId(),
                        tenant.name(),
                        tenant.plan().name(),
                        tenant.status().name(),
                        json.writeValueAsString(tenant.settings().toMap()),
                        json.writeValueAsString(tenant.branding().toMap()),
                        Timestamp.from(tenant.modifiedAt()),
                        tenant.modifiedBy(),
                        tenant.id())
                .update();
    }

    int delete(UUID id) {
        return jdbc.sql("DELETE FROM tenant WHERE id = ?").param(id).update();
    }

    Optional<Tenant> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM tenant WHERE id = ?")
                .param(id)
                .query(this::map)
                .optional();
    }

    /** One top-level tenant setting as text ({@code settings->>key}); empty when absent or null. */
    Optional<String> setting(UUID id, String key) {
        return jdbc.sql("SELECT settings ->> ? FROM tenant WHERE id = ?")
                .params(key, id)
                .query((rs, i) -> Optional.ofNullable(rs.getString(1)))
                .optional()
                .flatMap(value -> value);
    }

    /** Whether the boolean setting {@code key} is true on any of {@code ids}. */
    boolean anySettingTrue(Collection<UUID> ids, String key) {
        String array = ids.stream().map(UUID::toString).collect(Collectors.joining(",", "{", "}"));
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM tenant WHERE id = ANY (?::uuid[]) AND settings ->> ? = 'true')")
                .params(array, key)
                .query(Boolean.class)
                .single();
    }

    /** The row, locked until the transaction ends, so concurrent changes queue up behind each other. */
    Optional<Tenant> findForUpdate(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM tenant WHERE id = ? FOR UPDATE")
                .param(id)
                .query(this::map)
                .optional();
    }

    List<Tenant> findAll(Collection<UUID> ids) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM tenant WHERE id = ANY (?::uuid[]) ORDER BY name, id")
                .param(arrayLiteral(ids))
                .query(this::map)
                .list();
    }

    /**
     * One page of {@code ids} in slug order (slugs are unique and never change, so the order is
     * stable), optionally only the children of {@code parentId}, starting after {@code afterSlug}.
     */
    List<Tenant> page(Collection<UUID> ids, UUID parentId, String afterSlug, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM tenant WHERE id = ANY (?::uuid[])"
                        + " AND (?::uuid IS NULL OR parent_id = ?::uuid) AND (?::text IS NULL OR slug > ?::text)"
                        + " ORDER BY slug, id LIMIT ?")
                .params(arrayLiteral(ids), parentId, parentId, afterSlug, afterSlug, limit)
                .query(this::map)
                .list();
    }

    /** Sortable columns of the console's tenants table; plan in its order (FREE first), not alphabetically. */
    static final java.util.Map<String, String> SORTS = java.util.Map.of(
            "name", "lower(name) COLLATE \"C\"",
            "plan", "array_position(ARRAY['FREE', 'BASIC', 'PRO', 'ENTERPRISE'], plan)",
            "created", "created_at");

    /**
     * How many of {@code ids} match {@code q} (name or slug contains it, case-insensitive, or it
     * names the plan), and one page of them sorted by a key of {@link #SORTS}, ties by slug.
     */
    TenantDirectory.Found search(
            Collection<UUID> ids, String q, String sort, boolean descending, int limit, long offset) {
        String where = " FROM tenant WHERE id = ANY (?::uuid[])";
        List<Object> params = new ArrayList<>();
        params.add(arrayLiteral(ids));
        if (q != null && !q.isBlank()) {
            String like =
                    "%" + q.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            where += " AND (name ILIKE ? ESCAPE '\\' OR slug ILIKE ? ESCAPE '\\' OR upper(plan) = upper(?))";
            params.add(like);
            params.add(like);
            params.add(q.strip());
        }
        long total = jdbc.sql("SELECT count(*)" + where)
                .params(params)
                .query(Long.class)
                .single();
        String direction = descending ? " DESC" : " ASC";
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(limit);
        pageParams.add(offset);
        // Ties by slug (unique, ascending whichever way the column runs), compared byte-wise so the
        // order does not depend on the database's collation.
        List<Tenant> rows = jdbc.sql("SELECT " + COLUMNS + where + " ORDER BY " + SORTS.get(sort) + direction
                        + ", slug COLLATE \"C\" LIMIT ? OFFSET ?")
                .params(pageParams)
                .query(this::map)
                .list();
        return new TenantDirectory.Found(rows, total);
    }

    List<UUID> subtree(UUID root) {
        return jdbc.sql("SELECT id FROM tenant_subtree(?)")
                .param(root)
                .query(UUID.class)
                .list();
    }

    /** Children of any visibility: deletion must not orphan a child the caller cannot see. */
    long childCount(UUID id) {
        return jdbc.sql("SELECT count(*) FROM tenant_tree() WHERE parent_id = ?")
                .param(id)
                .query(Long.class)
                .single();
    }

    /** Serialises moves for the rest of the transaction (see {@link #TREE_LOCK}). */
    void lockTree() {
        jdbc.sql("SELECT pg_advisory_xact_lock(?)")
                .param(TREE_LOCK)
                .query((rs, i) -> 1)
                .single();
    }

    private Tenant map(ResultSet rs, int row) throws SQLException {
        return new Tenant(
                rs.getObject("id", UUID.class),
                rs.getObject("parent_id", UUID.class),
                rs.getString("name"),
                rs.getString("slug"),
                Tenant.Plan.valueOf(rs.getString("plan")),
                Tenant.Status.valueOf(rs.getString("status")),
                TenantSettingsPolicy.fromStored(json.readValue(rs.getString("settings"), OBJECT)),
                TenantBrandingPolicy.fromStored(json.readValue(rs.getString("branding"), OBJECT)),
                instant(rs, "created_at"),
                rs.getObject("created_by", UUID.class),
                instant(rs, "modified_at"),
                rs.getObject("modified_by", UUID.class));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }

    // UUIDs need no quoting in a PostgreSQL array literal.
    private static String arrayLiteral(Collection<UUID> ids) {
        return ids.stream().map(UUID::toString).collect(Collectors.joining(",", "{", "}"));
    }
}
