package io.tenantra.agents;

import static io.tenantra.agents.EnrollmentTokenRepository.instant;
import static io.tenantra.agents.EnrollmentTokenRepository.ts;

import io.tenantra.model.AgentConfig;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;

/** SQL for the agent registry; callers run inside a tenant transaction. */
@Repository
class AgentRepository {

    private static final String COLUMNS = "id, tenant_id, name, hostname, os_family, os_version, architecture,"
            + " agent_version, ip_addresses::text, tags::text, config::text, config_etag, connection, enrolled_at,"
            + " last_seen_at, offline_since, revoked_at, modified_at";
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final AgentJson json;

    AgentRepository(JdbcClient jdbc, AgentJson json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void insert(AgentRow agent, String publicKey, UUID enrollmentTokenId) {
        jdbc.sql(
                        "INSERT INTO agent (id, tenant_id, name, hostname, os_family, os_version, architecture,"
                                + " agent_version, ip_addresses, tags, public_key, enrollment_token_id, config, config_etag,"
                                + " heartbeat_seconds, connection, enrolled_at, last_seen_at, modified_at)"
                                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?::jsonb, ?, ?, 'online', ?, ?, ?)")
                .params(
                        agent.id(),
                        agent.tenantId(),
                        agent.name(),
                        agent.hostname(),
                        agent.osFamily(),
                        agent.osVersion(),
                        agent.architecture(),
                        agent.agentVersion(),
                        json.write(agent.ipAddresses()),
                        json.write(agent.tags()),
                        publicKey,
                        enrollmentTokenId,
                        json.write(agent.config()),
                        agent.configEtag(),
                        agent.config().heartbeatSeconds(),
                        ts(agent.enrolledAt()),
                        ts(agent.enrolledAt()),
                        ts(agent.enrolledAt()))
                .update();
    }

    Optional<AgentRow> find(UUID tenantId, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM agent WHERE tenant_id = ? AND id = ?")
                .params(tenantId, id)
                .query(this::map)
                .optional();
    }

    Optional<AgentRow> findForUpdate(UUID tenantId, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM agent WHERE tenant_id = ? AND id = ? FOR UPDATE")
                .params(tenantId, id)
                .query(this::map)
                .optional();
    }

    /** One page by (name, id), filtered; every filter is optional. */
    List<AgentRow> list(UUID tenantId, AgentFilter filter, String afterName, UUID afterId, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM agent WHERE tenant_id = ?");
        List<Object> params = new ArrayList<>(List.of(tenantId));
        if (filter.status() != null) {
            sql.append(
                    switch (filter.status()) {
                        case "revoked" -> " AND revoked_at IS NOT NULL";
                        case "online" -> " AND revoked_at IS NULL AND connection = 'online'";
                        default -> " AND revoked_at IS NULL AND connection = 'offline'";
                    });
        }
        if (filter.os() != null) {
            sql.append(" AND os_family = ?");
            params.add(filter.os());
        }
        if (!filter.tags().isEmpty()) {
            sql.append(" AND tags @> ?::jsonb");
            params.add(json.write(filter.tags()));
        }
        if (filter.query() != null) {
            sql.append(" AND (name ILIKE ? ESCAPE '\\' OR hostname ILIKE ? ESCAPE '\\')");
            String like = "%"
                    + filter.query().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            params.add(like);
            params.add(like);
        }
        if (afterId != null) {
            sql.append(" AND (name, id) > (?, ?)");
            params.add(afterName);
            params.add(afterId);
        }
        sql.append(" ORDER BY name, id LIMIT ?");
        params.add(limit);
        return jdbc.sql(sql.toString()).params(params).query(this::map).list();
    }

    /** Sortable columns of the agents table and their SQL, ties broken by name and id. */
    static final Map<String, String> SORTS = Map.of(
            "name", "name",
            "status", "(CASE WHEN revoked_at IS NOT NULL THEN 2 WHEN connection = 'online' THEN 0 ELSE 1 END)",
            "last_seen", "last_seen_at",
            "os", "os_family || ' ' || coalesce(os_version, '')",
            "version",
                    "array_remove(string_to_array(regexp_replace(agent_version, '[^0-9.]', '', 'g'), '.'), '')::numeric[]");

    /**
     * One page by offset, filtered and sorted, with the count of all matches ({@code rows} empty
     * past the end). {@code sort} is a key of {@link #SORTS}.
     */
    record Found(List<AgentRow> rows, long matched) {}

    Found search(
            Collection<UUID> tenantIds, AgentFilter filter, String sort, boolean descending, int limit, long offset) {
        // One tenant (the usual case: an equality, which the (tenant_id, name, id) index serves in
        // order) or several ("all my tenants": the tenants as an array).
        boolean one = tenantIds.size() == 1;
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + ", count(*) OVER () FROM agent WHERE "
                + (one ? "tenant_id = ?" : "tenant_id = ANY(?::uuid[])"));
        List<Object> params = new ArrayList<>();
        params.add(
                one
                        ? tenantIds.iterator().next()
                        : tenantIds.stream().map(UUID::toString).toArray(String[]::new));
        if (filter.status() != null) {
            sql.append(
                    switch (filter.status()) {
                        case "revoked" -> " AND revoked_at IS NOT NULL";
                        case "online" -> " AND revoked_at IS NULL AND connection = 'online'";
                        // Enrolled, and not heard from since: no heartbeat, no result.
                        case "never" -> " AND revoked_at IS NULL AND last_seen_at <= enrolled_at";
                        default -> " AND revoked_at IS NULL AND connection = 'offline'";
                    });
        }
        if (filter.os() != null) {
            sql.append(" AND os_family = ?");
            params.add(filter.os());
        }
        if (!filter.tags().isEmpty()) {
            sql.append(" AND tags @> ?::jsonb");
            params.add(json.write(filter.tags()));
        }
        if (filter.query() != null) {
            sql.append(
                    " AND (name ILIKE ? ESCAPE '\\' OR hostname ILIKE ? ESCAPE '\\'"
                            + " OR EXISTS (SELECT 1 FROM jsonb_each_text(tags) t WHERE t.key || '=' || t.value ILIKE ? ESCAPE '\\'))");
            String like = "%"
                    + filter.query().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            params.add(like);
            params.add(like);
            params.add(like);
        }
        String direction = descending ? " DESC" : " ASC";
        sql.append(" ORDER BY ")
                .append(SORTS.get(sort))
                .append(direction)
                .append(" NULLS LAST, name")
                .append(direction)
                .append(", id LIMIT ? OFFSET ?");
        params.add(limit);
        params.add(offset);
        long[] matched = {0};
        List<AgentRow> rows = jdbc.sql(sql.toString())
                .params(params)
                .query((rs, i) -> {
                    matched[0] = rs.getLong(19);
                    return map(rs, i);
                })
                .list();
        if (rows.isEmpty() && offset > 0) {
            // Past the last page: the total still comes from the same filters.
            String where = sql.substring(sql.indexOf(" FROM agent"), sql.indexOf(" ORDER BY "));
            matched[0] = jdbc.sql("SELECT count(*)" + where)
                    .params(params.subList(0, params.size() - 2))
                    .query(Long.class)
                    .single();
        }
        return new Found(rows, matched[0]);
    }

    void update(AgentRow agent, Instant at, UUID actor) {
        jdbc.sql("UPDATE agent SET name = ?, tags = ?::jsonb, config = ?::jsonb, config_etag = ?,"
                        + " heartbeat_seconds = ?, modified_at = ?, modified_by = ? WHERE tenant_id = ? AND id = ?")
                .params(
                        agent.name(),
                        json.write(agent.tags()),
                        json.write(agent.config()),
                        agent.configEtag(),
                        agent.config().heartbeatSeconds(),
                        ts(at),
                        actor,
                        agent.tenantId(),
                        agent.id())
                .update();
    }

    boolean revoke(UUID tenantId, UUID id, Instant at, UUID actor) {
        return jdbc.sql("UPDATE agent SET revoked_at = ?, revoked_by = ?, modified_at = ?, modified_by = ?"
                                + " WHERE tenant_id = ? AND id = ? AND revoked_at IS NULL")
                        .params(ts(at), actor, ts(at), actor, tenantId, id)
                        .update()
                == 1;
    }

    /** Cancels the agent's unfinished jobs (used when it is revoked); returns their scans, one per job. */
    List<UUID> cancelOpenJobs(UUID tenantId, UUID agentId, Instant at) {
        return jdbc.sql("UPDATE agent_job SET status = 'cancelled', finished_at = ?, lease_until = NULL"
                        + " WHERE tenant_id = ? AND agent_id = ? AND status IN ('queued', 'dispatched', 'running')"
                        + " RETURNING scan_id")
                .params(ts(at), tenantId, agentId)
                .query(UUID.class)
                .list();
    }

    private AgentRow map(ResultSet rs, int row) throws SQLException {
        return new AgentRow(
                rs.getObject(1, UUID.class),
                rs.getObject(2, UUID.class),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                rs.getString(8),
                json.mapper().readValue(rs.getString(9), STRINGS),
                json.tags(rs.getString(10)),
                json.read(rs.getString(11), AgentConfig.class),
                rs.getString(12),
                rs.getString(13),
                instant(rs, 14),
                instant(rs, 15),
                instant(rs, 16),
                instant(rs, 17),
                instant(rs, 18));
    }

    /** The filters of the agent list; null or empty means "any". */
    record AgentFilter(String status, String os, Map<String, String> tags, String query) {}

    record AgentRow(
            UUID id,
            UUID tenantId,
            String name,
            String hostname,
            String osFamily,
            String osVersion,
            String architecture,
            String agentVersion,
            List<String> ipAddresses,
            Map<String, String> tags,
            AgentConfig config,
            String configEtag,
            String connection,
            Instant enrolledAt,
            Instant lastSeenAt,
            Instant offlineSince,
            Instant revokedAt,
            Instant modifiedAt) {

        String status() {
            return revokedAt != null ? "revoked" : connection;
        }

        AgentRow withChanges(String newName, Map<String, String> newTags, AgentConfig newConfig, String newEtag) {
            return new AgentRow(
                    id,
                    tenantId,
                    newName,
                    hostname,
                    osFamily,
                    osVersion,
                    architecture,
                    agentVersion,
                    ipAddresses,
                    newTags,
                    newConfig,
                    newEtag,
                    connection,
                    enrolledAt,
                    lastSeenAt,
                    offlineSince,
                    revokedAt,
                    modifiedAt);
        }
    }
}
