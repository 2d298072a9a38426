package io.tenantra.agents;

import io.tenantra.database.TenantTransactions;
import io.tenantra.model.Item;
import io.tenantra.platform.context.TenantScope;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.postgresql.PGStatement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.core.type.TypeReference;

/**
 * The newest stored facts of many agents at once, for analysis modules that judge whole fleets
 * (compliance re-evaluates every asset of a tenant when its content changes). One query per batch
 * of agents instead of one per agent and module: the benchmark is ten thousand assets in a minute.
 * Items come back as the model's {@link Item}s, exactly as the agent reported them.
 */
@Service
public class LatestFacts {

    private static final Logger LOG = LoggerFactory.getLogger(LatestFacts.class);

    private static final TypeReference<List<Item>> ITEMS = new TypeReference<>() {};

    /** True for a row whose binary copy is missing or of another format than {@link FactsCodec}'s. */
    private static final String STALE = "substring(facts from 1 for 2) IS DISTINCT FROM '\\x"
            + String.format("%02x%02x", FactsCodec.MAGIC, FactsCodec.VERSION) + "'::bytea";

    private final JdbcClient jdbc;
    private final TenantTransactions tx;
    private final AgentJson json;
    private final JdbcTemplate template;

    LatestFacts(JdbcClient jdbc, JdbcTemplate template, TenantTransactions tx, AgentJson json) {
        this.jdbc = jdbc;
        this.template = template;
        this.tx = tx;
        this.json = json;
    }

    /** An enrolled, unrevoked agent as an asset: who it is and how it is tagged. */
    public record Asset(UUID id, String name, String hostname, String osFamily, Map<String, String> tags) {}

    /** One module's newest result on one agent, with its items. */
    public record ModuleFacts(
            UUID agentId,
            String module,
            String status,
            UUID scanId,
            UUID jobId,
            Instant collectedAt,
            List<Item> items) {}

    /** The tenant's live agents, by id (revoked agents are no longer assets). */
    public List<Asset> assets(TenantScope scope, UUID tenantId) {
        return tx.read(
                scope,
                () -> jdbc.sql("SELECT id, name, hostname, os_family, tags::text FROM agent"
                                + " WHERE tenant_id = ? AND revoked_at IS NULL ORDER BY id")
                        .param(tenantId)
                        .query((rs, i) -> new Asset(
                                rs.getObject(1, UUID.class),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getString(4),
                                json.tags(rs.getString(5))))
                        .list());
    }

    /** Some of the tenant's agents by id; unknown or revoked ids are left out. */
    public List<Asset> assets(TenantScope scope, UUID tenantId, Collection<UUID> agentIds) {
        if (agentIds.isEmpty()) {
            return List.of();
        }
        return tx.read(
                scope,
                () -> jdbc.sql("SELECT id, name, hostname, os_family, tags::text FROM agent"
                                + " WHERE tenant_id = ? AND id = ANY(?::uuid[]) AND revoked_at IS NULL ORDER BY id")
                        .params(tenantId, ids(agentIds))
                        .query((rs, i) -> new Asset(
                                rs.getObject(1, UUID.class),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getString(4),
                                json.tags(rs.getString(5))))
                        .list());
    }

    /** The newest result of every module on each of {@code agentIds}, grouped by agent. */
    public Map<UUID, List<ModuleFacts>> latestModules(TenantScope scope, UUID tenantId, Collection<UUID> agentIds) {
        return latestModules(scope, tenantId, agentIds, null);
    }

    /**
     * As {@link #latestModules(TenantScope, UUID, Collection)}, with the items of only
     * {@code modules} (null: all): the other modules come with their status and no items, so
     * items nobody will read are neither sent nor parsed.
     */
    public Map<UUID, List<ModuleFacts>> latestModules(
            TenantScope scope, UUID tenantId, Collection<UUID> agentIds, Collection<String> modules) {
        Map<UUID, List<ModuleFacts>> byAgent = new HashMap<>();
        if (agentIds.isEmpty()) {
            return byAgent;
        }
        // The binary copy when there is one; the JSON only for results stored before it existed (or
        // by a version writing another format), which then get their copy written (below), so the
        // next reading is the fast one.
        String wanted = modules == null ? "true" : "module = ANY(?::text[])";
        List<Object> params = new ArrayList<>();
        if (modules != null) {
            String[] names = modules.toArray(String[]::new);
            params.add(names);
            params.add(names);
        }
        params.add(tenantId);
        params.add(ids(agentIds));
        List<Object[]> backfill = new ArrayList<>();
        tx.read(scope, () -> {
            String sql = "SELECT DISTINCT ON (agent_id, module) agent_id, module, status, scan_id, job_id,"
                    + " collected_at, CASE WHEN " + wanted + " THEN facts END,"
                    + " CASE WHEN " + wanted + " AND " + STALE + " THEN items::text END"
                    + " FROM module_result WHERE tenant_id = ? AND agent_id = ANY(?::uuid[])"
                    + " ORDER BY agent_id, module, collected_at DESC";
            template.query(
                    connection -> {
                        PreparedStatement statement = connection.prepareStatement(sql);
                        // Binary results from the first execution: bytea as text is hex, twice the
                        // bytes on the wire and a decoding pass that cost more than reading the facts.
                        statement.unwrap(PGStatement.class).setPrepareThreshold(-1);
                        new ArgumentPreparedStatementSetter(params.toArray()).setValues(statement);
                        return statement;
                    },
                    (ResultSet rs) -> {
                        UUID agent = rs.getObject(1, UUID.class);
                        String module = rs.getString(2);
                        UUID jobId = rs.getObject(5, UUID.class);
                        List<Item> items = readable(rs.getBytes(7), tenantId, jobId, module);
                        if (items == null) {
                            String text = rs.getString(8);
                            if (text == null && rs.getBytes(7) != null) {
                                text = json(tenantId, jobId, module); // a damaged copy: rebuild it
                            }
                            items = text == null
                                    ? List.of()
                                    : json.storedMapper().readValue(text, ITEMS);
                            if (text != null) {
                                byte[] copy = FactsCodec.encodeOrNull(items);
                                if (copy != null) {
                                    backfill.add(new Object[] {copy, tenantId, jobId, module});
                                }
                            }
                        }
                        byAgent.computeIfAbsent(agent, a -> new ArrayList<>())
                                .add(new ModuleFacts(
                                        agent,
                                        module,
                                        rs.getString(3),
                                        rs.getObject(4, UUID.class),
                                        jobId,
                                        rs.getTimestamp(6).toInstant(),
                                        items));
                    });
            return null;
        });
        if (!backfill.isEmpty()) {
            tx.write(
                    scope,
                    () -> template.batchUpdate(
                            "UPDATE module_result SET facts = ? WHERE tenant_id = ? AND job_id = ? AND module = ?",
                            backfill));
        }
        return byAgent;
    }

    /** The copy's items; null for another format or a damaged copy (logged), so the JSON is read. */
    private static List<Item> readable(byte[] copy, UUID tenantId, UUID jobId, String module) {
        try {
            return FactsCodec.decode(copy);
        } catch (RuntimeException e) {
            LOG.warn(
                    "The stored facts of module {} of job {} (tenant {}) are damaged; reading its JSON",
                    module,
                    jobId,
                    tenantId,
                    e);
            return null;
        }
    }

    private String json(UUID tenantId, UUID jobId, String module) {
        return jdbc.sql("SELECT items::text FROM module_result WHERE tenant_id = ? AND job_id = ? AND module = ?")
                .params(tenantId, jobId, module)
                .query(String.class)
                .single();
    }

    private static String[] ids(Collection<UUID> agentIds) {
        return agentIds.stream().map(UUID::toString).toArray(String[]::new);
    }
}
