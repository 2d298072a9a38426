package io.tenantra.identity;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL for API keys. Everything but {@link #findForAuthentication} runs inside a tenant
 * transaction and names the tenant in its WHERE clause as well.
 */
@Repository
class ApiKeyRepository {

    private static final String COLUMNS = "id, tenant_id, name, prefix, permissions, created_by, created_by_name,"
            + " created_at, expires_at, revoked_at, revoked_by, last_used_at";

    private final JdbcClient jdbc;

    ApiKeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(ApiKeyRow key, String secretHash) {
        jdbc.sql("INSERT INTO api_key (id, tenant_id, name, prefix, secret_hash, permissions, created_by,"
                        + " created_by_name, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?::text[], ?, ?, ?, ?)")
                .params(
                        key.id(),
                        key.tenantId(),
                        key.name(),
                        key.prefix(),
                        secretHash,
                        arrayLiteral(key.permissions()),
                        key.createdBy(),
                        key.createdByName(),
                        Timestamp.from(key.createdAt()),
                        key.expiresAt() == null ? null : Timestamp.from(key.expiresAt()))
                .update();
    }

    Optional<ApiKeyRow> find(UUID tenantId, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM api_key WHERE tenant_id = ? AND id = ?")
                .params(tenantId, id)
                .query(ApiKeyRepository::map)
                .optional();
    }

    /** Newest first; {@code after} is the (createdAt, id) of the last key of the previous page. */
    List<ApiKeyRow> page(UUID tenantId, Instant afterCreatedAt, UUID afterId, int limit) {
        if (afterCreatedAt == null) {
            return jdbc.sql("SELECT " + COLUMNS + " FROM api_key WHERE tenant_id = ?"
                            + " ORDER BY created_at DESC, id DESC LIMIT ?")
                    .params(tenantId, limit)
                    .query(ApiKeyRepository::map)
                    .list();
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM api_key WHERE tenant_id = ? AND (created_at, id) < (?, ?)"
                        + " ORDER BY created_at DESC, id DESC LIMIT ?")
                .params(tenantId, Timestamp.from(afterCreatedAt), afterId, limit)
                .query(ApiKeyRepository::map)
                .list();
    }

    /** Revokes a live key; false when it was already revoked (the call is then a no-op). */
    boolean revoke(UUID tenantId, UUID id, UUID by, Instant at) {
        return jdbc.sql("UPDATE api_key SET revoked_at = ?, revoked_by = ? WHERE tenant_id = ? AND id = ?"
                                + " AND revoked_at IS NULL")
                        .params(Timestamp.from(at), by, tenantId, id)
                        .update()
                > 0;
    }

    void touch(UUID tenantId, UUID id, Instant at) {
        jdbc.sql("UPDATE api_key SET last_used_at = ? WHERE tenant_id = ? AND id = ?")
                .params(Timestamp.from(at), tenantId, id)
                .update();
    }

    /** Authentication's view of a key, found by prefix before any tenant is known. */
    Optional<KeyCredential> findForAuthentication(String prefix) {
        return jdbc.sql("SELECT id, tenant_id, secret_hash, permissions, created_by, creator_username,"
                        + " creator_tenant_id, expires_at, revoked_at FROM auth_find_api_key(?)")
                .param(prefix)
                .query((rs, i) -> new KeyCredential(
                        rs.getObject(1, UUID.class),
                        rs.getObject(2, UUID.class),
                        rs.getString(3),
                        Permissions.parse(strings(rs.getArray(4))),
                        rs.getObject(5, UUID.class),
                        rs.getString(6),
                        rs.getObject(7, UUID.class),
                        instant(rs, 8),
                        instant(rs, 9)))
                .optional();
    }

    private static ApiKeyRow map(ResultSet rs, int row) throws SQLException {
        return new ApiKeyRow(
                rs.getObject("id", UUID.class),
                rs.getObject("tenant_id", UUID.class),
                rs.getString("name"),
                rs.getString("prefix"),
                Arrays.stream(strings(rs.getArray("permissions"))).sorted().toList(),
                rs.getObject("created_by", UUID.class),
                rs.getString("created_by_name"),
                instant(rs, "created_at"),
                instant(rs, "expires_at"),
                instant(rs, "revoked_at"),
                rs.getObject("revoked_by", UUID.class),
                instant(rs, "last_used_at"));
    }

    private static String[] strings(Array array) throws SQLException {
        return array == null ? new String[0] : (String[]) array.getArray();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }

    // Permission names are enum constants ([A-Z_]+), so the literal needs no quoting.
    private static String arrayLiteral(List<String> values) {
        return "{" + String.join(",", values) + "}";
    }

    record ApiKeyRow(
            UUID id,
            UUID tenantId,
            String name,
            String prefix,
            List<String> permissions,
            UUID createdBy,
            String createdByName,
            Instant createdAt,
            Instant expiresAt,
            Instant revokedAt,
            UUID revokedBy,
            Instant lastUsedAt) {}

    record KeyCredential(
            UUID id,
            UUID tenantId,
            String secretHash,
            Set<Permission> permissions,
            UUID createdBy,
            String creatorUsername,
            UUID creatorTenantId,
            Instant expiresAt,
            Instant revokedAt) {}
}
