package io.tenantra.compliance.store;

import io.tenantra.compliance.evaluation.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A validated filter and order over stored verdicts. The API turns query parameters into one
 * (422 for anything it cannot); framework and control filters arrive already resolved into the
 * check ids they map to, because mappings are content, not rows.
 *
 * @param checkIds only these checks; null: any
 * @param tag an agent tag {@code key → value}; null: any
 * @param q case-insensitive text found in the check id or title; null: any
 */
public record ResultQuery(
        Set<String> checkIds,
        Set<Verdict> verdicts,
        Set<String> severities,
        UUID agentId,
        Map.Entry<String, String> tag,
        String q,
        Sort sort,
        boolean descending) {

    /** The orders a result list can have; ties are broken by asset and check so pages are stable. */
    public enum Sort {
        SEVERITY("CASE r.severity WHEN 'CRITICAL' THEN 5 WHEN 'HIGH' THEN 4 WHEN 'MEDIUM' THEN 3"
                + " WHEN 'LOW' THEN 2 ELSE 1 END"),
        CHECK("r.check_id"),
        AGENT("a.name"),
        VERDICT("r.verdict"),
        // Every verdict of an asset is judged together: the asset says when.
        EVALUATED("a.evaluated_at");

        final String expression;

        Sort(String expression) {
            this.expression = expression;
        }
    }

    public ResultQuery {
        verdicts = verdicts == null ? Set.of() : Set.copyOf(verdicts);
        severities = severities == null ? Set.of() : Set.copyOf(severities);
        sort = sort == null ? Sort.SEVERITY : sort;
    }

    /** The WHERE clause (after the tenant condition) and its parameters, in order. */
    String where(List<Object> params) {
        StringBuilder sql = new StringBuilder();
        if (checkIds != null) {
            sql.append(" AND r.check_id = ANY(?::text[])");
            params.add(checkIds.toArray(String[]::new));
        }
        if (!verdicts.isEmpty()) {
            sql.append(" AND r.verdict = ANY(?::text[])");
            params.add(verdicts.stream().map(Enum::name).toArray(String[]::new));
        }
        if (!severities.isEmpty()) {
            sql.append(" AND r.severity = ANY(?::text[])");
            params.add(severities.toArray(String[]::new));
        }
        if (agentId != null) {
            sql.append(" AND r.agent_id = ?");
            params.add(agentId);
        }
        if (tag != null) {
            sql.append(" AND a.tags ->> ? = ?");
            params.add(tag.getKey());
            params.add(tag.getValue());
        }
        if (q != null) {
            sql.append(" AND (strpos(lower(r.check_id), ?) > 0 OR strpos(lower(r.title), ?) > 0)");
            String needle = q.toLowerCase(java.util.Locale.ROOT);
            params.add(needle);
            params.add(needle);
        }
        return sql.toString();
    }

    String orderBy() {
        String direction = descending ? " DESC" : " ASC";
        List<String> keys = new ArrayList<>();
        keys.add(sort.expression + direction);
        keys.add("a.name");
        keys.add("r.agent_id");
        keys.add("r.check_id");
        keys.add("r.policy_id");
        return " ORDER BY " + String.join(", ", keys);
    }
}
