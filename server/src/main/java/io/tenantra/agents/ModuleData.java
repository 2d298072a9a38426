package io.tenantra.agents;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The latest items and risks one module collected on one agent, shaped for reading: one row per
 * item with its attributes as columns, and each row marked with the worst risk flagged on it.
 */
public record ModuleData(
        String module,
        String status,
        Instant collectedAt,
        UUID scanId,
        List<String> columns,
        List<Row> rows,
        List<Map<String, Object>> risks,
        List<String> messages) {

    /** Wide modules get their first columns shown; the rest stay in the CSV export. */
    static final int MAX_COLUMNS = 12;

    /** Severity names from least to most severe, as the model defines them. */
    private static final List<String> SEVERITIES = List.of("INFO", "LOW", "MEDIUM", "HIGH", "CRITICAL");

    public record Row(String type, String key, List<String> values, String severity) {
        public boolean flagged() {
            return severity != null;
        }
    }

    static ModuleData of(
            String module,
            String status,
            Instant collectedAt,
            UUID scanId,
            List<Map<String, Object>> items,
            List<Map<String, Object>> risks,
            List<String> messages) {
        TreeSet<String> names = new TreeSet<>();
        for (Map<String, Object> item : items) {
            if (item.get("attributes") instanceof Map<?, ?> attributes) {
                attributes.keySet().forEach(k -> names.add(String.valueOf(k)));
            }
        }
        List<String> columns = names.stream().limit(MAX_COLUMNS).toList();
        List<Row> rows = new ArrayList<>();
        for (Map<String, Object> item : items) {
            String type = String.valueOf(item.get("type"));
            String key = String.valueOf(item.get("key"));
            Map<?, ?> attributes = item.get("attributes") instanceof Map<?, ?> a ? a : Map.of();
            List<String> values = columns.stream()
                    .map(c -> attributes.containsKey(c) ? String.valueOf(attributes.get(c)) : "")
                    .toList();
            rows.add(new Row(type, key, values, worstSeverity(risks, type, key)));
        }
        return new ModuleData(module, status, collectedAt, scanId, columns, rows, risks, messages);
    }

    private static String worstSeverity(List<Map<String, Object>> risks, String type, String key) {
        String worst = null;
        for (Map<String, Object> risk : risks) {
            if (key.equals(String.valueOf(risk.get("itemKey"))) && type.equals(String.valueOf(risk.get("itemType")))) {
                String severity = String.valueOf(risk.get("severity"));
                if (worst == null || SEVERITIES.indexOf(severity) > SEVERITIES.indexOf(worst)) {
                    worst = severity;
                }
            }
        }
        return worst;
    }
}
