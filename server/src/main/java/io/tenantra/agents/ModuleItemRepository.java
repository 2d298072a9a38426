package io.tenantra.agents;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL over the items of one stored module result: filtering, searching, sorting and paging run in
 * PostgreSQL over {@code jsonb_array_elements} of the result's items, so a result of 100,000 items
 * is never loaded into the server to show 50 of them. Callers run inside a tenant transaction.
 */
@Repository
class ModuleItemRepository {

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    ModuleItemRepository(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /** The newest result of a module on an agent, without its items. */
    record Latest(
            UUID jobId,
            UUID scanId,
            Instant collectedAt,
            String status,
            int itemCount,
            String risks,
            String messages) {}

    Optional<Latest> latest(UUID tenantId, UUID agentId, String module) {
        return jdbc.sql("SELECT job_id, scan_id, collected_at, status, item_count, risks::text, messages::text"
                        + " FROM module_result WHERE tenant_id = ? AND agent_id = ? AND module = ?"
                        + " ORDER BY collected_at DESC LIMIT 1")
                .params(tenantId, agentId, module)
                .query((rs, i) -> new Latest(
                        rs.getObject(1, UUID.class),
                        rs.getObject(2, UUID.class),
                        rs.getTimestamp(3).toInstant(),
                        rs.getString(4),
                        rs.getInt(5),
                        rs.getString(6),
                        rs.getString(7)))
                .optional();
    }

    /** Item types and attribute names in a result, each sorted; one pass over the items. */
    record Shape(List<String> types, List<String> columns) {}

    Shape shape(UUID tenantId, UUID jobId, String module) {
        List<String> types = new ArrayList<>();
        List<String> columns = new ArrayList<>();
        jdbc.sql("SELECT 't', t FROM (SELECT DISTINCT e.item ->> 'type' AS t FROM module_result r,"
                        + " jsonb_array_elements(r.items) AS e(item) WHERE r.tenant_id = ? AND r.job_id = ?"
                        + " AND r.module = ?) types UNION ALL SELECT 'c', c FROM (SELECT DISTINCT k AS c"
                        + " FROM module_result r, jsonb_array_elements(r.items) AS e(item),"
                        + " jsonb_object_keys(CASE WHEN jsonb_typeof(e.item -> 'attributes') = 'object'"
                        + " THEN e.item -> 'attributes' ELSE '{}'::jsonb END) AS k"
                        + " WHERE r.tenant_id = ? AND r.job_id = ? AND r.module = ?) cols ORDER BY 1, 2")
                .params(tenantId, jobId, module, tenantId, jobId, module)
                .query(rs -> {
                    String value = rs.getString(2);
                    if (value != null) {
                        ("t".equals(rs.getString(1)) ? types : columns).add(value);
                    }
                });
        return new Shape(types, columns);
    }

    /** One item: its type, key and attributes as JSON text. */
    record ItemRow(String type, String key, String attributes) {}

    /** A filtered, sorted page of items with the count of all items that matched. */
    record ItemPage(List<ItemRow> rows, long matched) {}

    /**
     * The WHERE and ORDER BY of a query over one result's items, built from validated input; every
     * value the caller typed is a bind parameter.
     */
    record Query(String where, List<Object> whereParams, String orderBy, List<Object> orderParams) {}

    /**
     * @param itemCount the result's stored item count: the total when nothing is filtered, which
     *     spares counting every item
     */
    ItemPage page(UUID tenantId, UUID jobId, String module, Query query, int itemCount, int limit, long offset) {
        List<Object> params = new ArrayList<>(List.of(tenantId, jobId, module));
        params.addAll(query.whereParams());
        params.addAll(query.orderParams());
        params.add(limit);
        params.add(offset);
        List<ItemRow> rows = new ArrayList<>();
        boolean filtered = !query.where().isEmpty();
        if (!filtered && query.orderBy().equals(IN_ORDER)) {
            return slice(tenantId, jobId, module, itemCount, limit, offset);
        }
        long[] matched = {filtered ? 0 : itemCount};
        jdbc.sql("SELECT e.item ->> 'type', e.item ->> 'key', (e.item -> 'attributes')::text"
                        + (filtered ? ", count(*) OVER ()" : "") + FROM + query.where() + " ORDER BY "
                        + query.orderBy() + " LIMIT ? OFFSET ?")
                .params(params)
                .query(rs -> {
                    rows.add(new ItemRow(rs.getString(1), rs.getString(2), rs.getString(3)));
                    if (filtered) {
                        matched[0] = rs.getLong(4);
                    }
                });
        if (filtered && rows.isEmpty() && offset > 0) {
            // Past the end: the count still tells the page how many matched.
            List<Object> countParams = new ArrayList<>(List.of(tenantId, jobId, module));
            countParams.addAll(query.whereParams());
            matched[0] = jdbc.sql("SELECT count(*)" + FROM + query.where())
                    .params(countParams)
                    .query(Long.class)
                    .single();
        }
        return new ItemPage(rows, matched[0]);
    }

    /**
     * An unfiltered page in the stored order: a jsonpath slice of the array ({@code $[from to to]}),
     * so only the page's items are taken out of the result instead of all of them.
     */
    private ItemPage slice(UUID tenantId, UUID jobId, String module, int itemCount, int limit, long offset) {
        List<ItemRow> rows = new ArrayList<>();
        if (offset < itemCount) {
            long last = Math.min(offset + limit, itemCount) - 1;
            jdbc.sql("SELECT e.item ->> 'type', e.item ->> 'key', (e.item -> 'attributes')::text"
                            + " FROM module_result r CROSS JOIN LATERAL jsonb_path_query(r.items, '$[$from to $to]',"
                            + " jsonb_build_object('from', ?::int, 'to', ?::int)) AS e(item)"
                            + " WHERE r.tenant_id = ? AND r.job_id = ? AND r.module = ?")
                    .params(offset, last, tenantId, jobId, module)
                    .query(rs -> {
                        rows.add(new ItemRow(rs.getString(1), rs.getString(2), rs.getString(3)));
                    });
        }
        return new ItemPage(rows, itemCount);
    }

    /** The ORDER BY that keeps the items in the order the agent reported them. */
    static final String IN_ORDER = "e.n";

    /** Streams every matching item in order to {@code handler} (columns: type, key, attributes). */
    void stream(UUID tenantId, UUID jobId, String module, Query query, RowCallbackHandler handler) {
        List<Object> params = new ArrayList<>(List.of(tenantId, jobId, module));
        params.addAll(query.whereParams());
        params.addAll(query.orderParams());
        template.query(
                connection -> {
                    var statement = connection.prepareStatement(
                            "SELECT e.item ->> 'type', e.item ->> 'key', (e.item -> 'attributes')::text" + FROM
                                    + query.where() + " ORDER BY " + query.orderBy());
                    for (int i = 0; i < params.size(); i++) {
                        statement.setObject(i + 1, params.get(i));
                    }
                    statement.setFetchSize(1000);
                    return statement;
                },
                handler);
    }

    /** The attribute {@code name} of the items of {@code type} whose keys are given, as key → value. */
    java.util.Map<String, String> attributeOf(
            UUID tenantId, UUID jobId, String module, String type, String name, List<String> keys) {
        java.util.Map<String, String> values = new java.util.HashMap<>();
        if (keys.isEmpty()) {
            return values;
        }
        jdbc.sql("SELECT e.item ->> 'key', e.item -> 'attributes' ->> ?" + FROM
                        + " AND e.item ->> 'type' = ? AND e.item ->> 'key' = ANY(?::text[])")
                .params(name, tenantId, jobId, module, type, keys.toArray(String[]::new))
                .query(rs -> {
                    values.put(rs.getString(1), rs.getString(2));
                });
        return values;
    }

    /** The risks of each module's newest result on an agent, for modules that flagged any. */
    record ModuleRisks(String module, UUID jobId, String risks) {}

    List<ModuleRisks> latestRisks(UUID tenantId, UUID agentId) {
        return jdbc.sql("SELECT module, job_id, risks::text FROM (SELECT DISTINCT ON (module) module, job_id, risks,"
                        + " risk_count FROM module_result WHERE tenant_id = ? AND agent_id = ?"
                        + " ORDER BY module, collected_at DESC) latest WHERE risk_count > 0 ORDER BY module")
                .params(tenantId, agentId)
                .query((rs, i) -> new ModuleRisks(rs.getString(1), rs.getObject(2, UUID.class), rs.getString(3)))
                .list();
    }

    private static final String FROM = " FROM module_result r CROSS JOIN LATERAL"
            + " jsonb_array_elements(r.items) WITH ORDINALITY AS e(item, n)"
            + " WHERE r.tenant_id = ? AND r.job_id = ? AND r.module = ?";
}
