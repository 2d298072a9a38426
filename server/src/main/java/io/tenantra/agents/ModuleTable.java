package io.tenantra.agents;

import io.tenantra.database.TenantTransactions;
import io.tenantra.platform.context.TenantScope;
import io.tenantra.platform.web.ApiException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.stereotype.Service;
import tools.jackson.core.type.TypeReference;

/**
 * One module's latest items on one agent as a table that scales: filter by item type, search over
 * keys and attribute values, sort by key, type or any attribute, page by offset, export what is
 * filtered. The work runs in SQL ({@link ModuleItemRepository}); only the page shown is read.
 * Values are redacted ({@link SensitiveValues}) unless the caller may read them as collected.
 */
@Service
public class ModuleTable {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 200;

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
    private static final TypeReference<List<Map<String, Object>>> LIST_OF_MAPS = new TypeReference<>() {};
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

    private final ModuleItemRepository items;
    private final SensitiveValues sensitive;
    private final RiskGroups riskGroups;
    private final TenantTransactions tx;
    private final AgentJson json;
    /** Item types and columns per stored result: results are never updated, so this never goes stale. */
    private final Map<String, ModuleItemRepository.Shape> shapes =
            Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, ModuleItemRepository.Shape> eldest) {
                    return size() > 256;
                }
            });

    ModuleTable(
            ModuleItemRepository items,
            SensitiveValues sensitive,
            RiskGroups riskGroups,
            TenantTransactions tx,
            AgentJson json) {
        this.items = items;
        this.sensitive = sensitive;
        this.riskGroups = riskGroups;
        this.tx = tx;
        this.json = json;
    }

    /**
     * What the caller asked for.
     *
     * @param q part of a key or attribute value; null for all
     * @param type one item type; null for all
     * @param sort {@code key}, {@code type} or an attribute name, {@code -} first for descending; null
     *     keeps the order the agent reported
     * @param page 1-based
     */
    public record Request(String q, String type, String sort, int page, int size, boolean revealed) {}

    /** One shown cell: the value (redacted where needed). */
    public record Row(String type, String key, List<String> values, String severity) {
        public boolean flagged() {
            return severity != null;
        }
    }

    public record Page(
            String module,
            String status,
            Instant collectedAt,
            UUID scanId,
            int itemCount,
            List<String> types,
            List<String> columns,
            List<Row> rows,
            long matched,
            int page,
            int size,
            List<RiskGroups.Group> risks,
            int riskCount,
            List<String> messages) {

        public long pages() {
            return Math.max(1, (matched + size - 1) / size);
        }

        public boolean hasNext() {
            return (long) page * size < matched;
        }

        public boolean hasPrevious() {
            return page > 1;
        }
    }

    /** The page asked for; empty when the module never ran on this agent. 400 for a bad sort, type or page. */
    public Optional<Page> page(TenantScope scope, UUID tenantId, UUID agentId, String module, Request request) {
        validate(request);
        return tx.read(
                scope,
                () -> items.latest(tenantId, agentId, module).map(latest -> {
                    ModuleItemRepository.Shape shape = shape(tenantId, latest.jobId(), module);
                    ModuleItemRepository.Query query = query(request, shape);
                    long offset = (long) (request.page() - 1) * request.size();
                    ModuleItemRepository.ItemPage found = items.page(
                            tenantId, latest.jobId(), module, query, latest.itemCount(), request.size(), offset);
                    List<Map<String, Object>> risks = json.mapper().readValue(latest.risks(), LIST_OF_MAPS);
                    Map<String, String> worst = RiskGroups.worstByItem(risks);
                    List<String> columns = shape.columns();
                    List<Row> rows = new ArrayList<>();
                    for (ModuleItemRepository.ItemRow item : found.rows()) {
                        Map<String, Object> attributes = attributes(item.attributes(), request.revealed());
                        rows.add(new Row(
                                item.type(),
                                item.key(),
                                columns.stream()
                                        .map(c -> text(attributes.get(c)))
                                        .toList(),
                                worst.get(item.type() + "\u0000" + item.key())));
                    }
                    return new Page(
                            module,
                            latest.status(),
                            latest.collectedAt(),
                            latest.scanId(),
                            latest.itemCount(),
                            shape.types(),
                            columns,
                            rows,
                            found.matched(),
                            request.page(),
                            request.size(),
                            riskGroups.group(tenantId, latest.jobId(), module, risks, request.revealed()),
                            risks.size(),
                            json.mapper().readValue(latest.messages(), STRINGS));
                }));
    }

    /** The header of a CSV export: type, key, then the module's columns. */
    public interface CsvRows {
        void header(List<String> columns);

        void row(String type, String key, List<String> values);
    }

    /** Streams every item matching the request (paging ignored) to {@code out}; false when the module never ran. */
    public boolean export(TenantScope scope, UUID tenantId, UUID agentId, String module, Request request, CsvRows out) {
        validate(request);
        return tx.read(scope, () -> {
            Optional<ModuleItemRepository.Latest> latest = items.latest(tenantId, agentId, module);
            if (latest.isEmpty()) {
                return false;
            }
            ModuleItemRepository.Shape shape = shape(tenantId, latest.get().jobId(), module);
            out.header(shape.columns());
            Consumer<ModuleItemRepository.ItemRow> write = item -> {
                Map<String, Object> attributes = attributes(item.attributes(), request.revealed());
                out.row(
                        item.type(),
                        item.key(),
                        shape.columns().stream()
                                .map(c -> text(attributes.get(c)))
                                .toList());
            };
            items.stream(
                    tenantId,
                    latest.get().jobId(),
                    module,
                    query(request, shape),
                    rs -> write.accept(
                            new ModuleItemRepository.ItemRow(rs.getString(1), rs.getString(2), rs.getString(3))));
            return true;
        });
    }

    private static void validate(Request request) {
        if (request.page() < 1 || request.page() > 1_000_000) {
            throw ApiException.invalid("page", "must be between 1 and 1000000");
        }
        if (request.size() < 1 || request.size() > MAX_SIZE) {
            throw ApiException.invalid("size", "must be between 1 and " + MAX_SIZE);
        }
        if (request.q() != null && request.q().length() > 200) {
            throw ApiException.invalid("q", "must be at most 200 characters");
        }
    }

    private ModuleItemRepository.Shape shape(UUID tenantId, UUID jobId, String module) {
        String cacheKey = tenantId + "/" + jobId + "/" + module;
        ModuleItemRepository.Shape shape = shapes.get(cacheKey);
        if (shape == null) {
            shape = items.shape(tenantId, jobId, module);
            shapes.put(cacheKey, shape);
        }
        return shape;
    }

    /** WHERE and ORDER BY for the request; unprivileged searches and sorts see redacted text. */
    private ModuleItemRepository.Query query(Request request, ModuleItemRepository.Shape shape) {
        StringBuilder where = new StringBuilder();
        List<Object> whereParams = new ArrayList<>();
        if (request.type() != null) {
            if (!shape.types().contains(request.type())) {
                throw ApiException.invalid("type", "is not an item type of this module");
            }
            where.append(" AND e.item ->> 'type' = ?");
            whereParams.add(request.type());
        }
        if (request.q() != null) {
            String like =
                    "%" + request.q().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            // Attribute values only (not their names), as text.
            String values = "jsonb_path_query_array(e.item -> 'attributes', 'strict $.*')::text";
            where.append(" AND (e.item ->> 'key' ILIKE ? ESCAPE '\\' OR ");
            whereParams.add(like);
            where.append(request.revealed() ? values : sensitive.sql(values, whereParams));
            where.append(" ILIKE ? ESCAPE '\\')");
            whereParams.add(like);
        }
        String orderBy = ModuleItemRepository.IN_ORDER;
        List<Object> orderParams = new ArrayList<>();
        if (request.sort() != null) {
            boolean descending = request.sort().startsWith("-");
            String column = descending ? request.sort().substring(1) : request.sort();
            String direction = descending ? " DESC" : " ASC";
            if (column.equals("key") || column.equals("type")) {
                orderBy = "e.item ->> '" + column + "'" + direction + ", e.n";
            } else if (shape.columns().contains(column)) {
                // Numbers sort as numbers (PIDs, sizes), everything else as text.
                String text = "e.item -> 'attributes' ->> ?";
                orderParams.add(column); // the CASE's two parameters come first in the SQL text
                orderParams.add(column);
                List<Object> shownParams = new ArrayList<>(List.of(column));
                String shown = request.revealed() ? text : sensitive.sql(text, shownParams);
                orderParams.addAll(shownParams);
                orderBy = "CASE WHEN jsonb_typeof(e.item -> 'attributes' -> ?) = 'number'"
                        + " THEN (e.item -> 'attributes' ->> ?)::numeric END" + direction + " NULLS LAST, "
                        + shown + direction + " NULLS LAST, e.n";
            } else {
                throw ApiException.invalid("sort", "must be key, type or a column of this module");
            }
        }
        return new ModuleItemRepository.Query(where.toString(), whereParams, orderBy, orderParams);
    }

    private Map<String, Object> attributes(String text, boolean revealed) {
        Map<String, Object> attributes = text == null ? Map.of() : json.mapper().readValue(text, MAP);
        if (attributes == null) {
            return Map.of();
        }
        return revealed ? attributes : sensitive.redactAll(attributes);
    }

    private static String text(Object value) {
        return value == null ? "" : String.valueOf(value);
    }
}
