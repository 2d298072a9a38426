package io.tenantra.audit.web;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * An event's recorded changes in words for people: {@code jobCount} becomes "Job count", a scan
 * selector {@code {all=true}} becomes "all agents", ids of agents and tenants become their names
 * (the id stays in the raw JSON shown beside), booleans are yes/no and lists are comma-separated.
 * The raw form is still shown on the detail page; this is only how it reads.
 */
final class AuditChanges {

    /** One readable line: what changed and its value in words. */
    public record Line(String label, String text) {}

    private AuditChanges() {}

    static List<Line> lines(
            Map<String, Object> changes, Function<UUID, String> agentName, Function<UUID, String> tenantName) {
        List<Line> lines = new ArrayList<>();
        changes.forEach((key, value) -> lines.add(new Line(label(key), text(key, value, agentName, tenantName))));
        return lines;
    }

    /** The lines on one row, for the table's summary column. */
    static String summary(List<Line> lines) {
        return lines.stream().map(l -> l.label() + ": " + l.text()).collect(Collectors.joining(" · "));
    }

    static String label(String key) {
        String words =
                key.replaceAll("([a-z0-9])([A-Z])", "$1 $2").replace('_', ' ').toLowerCase(Locale.ROOT);
        return words.isEmpty() ? key : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    private static String text(
            String key, Object value, Function<UUID, String> agentName, Function<UUID, String> tenantName) {
        if ("selector".equals(key) && value instanceof Map<?, ?> selector) {
            return selector(selector, agentName);
        }
        if ("tenants".equals(key) && value instanceof Collection<?> ids) {
            return ids.stream().map(id -> named(id, tenantName)).collect(Collectors.joining(", "));
        }
        if (("agentId".equals(key) || "agent".equals(key)) && value != null) {
            return named(value, agentName);
        }
        if (("tenantId".equals(key) || "parentId".equals(key)) && value != null) {
            return named(value, tenantName);
        }
        return plain(value);
    }

    /** What a scan was asked to cover, as the scan form offers it. */
    private static String selector(Map<?, ?> selector, Function<UUID, String> agentName) {
        if (Boolean.TRUE.equals(selector.get("all"))) {
            return "all agents";
        }
        if (selector.get("agentIds") instanceof Collection<?> ids) {
            return "agents " + ids.stream().map(id -> named(id, agentName)).collect(Collectors.joining(", "));
        }
        if (selector.get("tags") != null) {
            return "agents tagged " + plain(selector.get("tags"));
        }
        if (selector.get("os") != null) {
            return "agents running " + plain(selector.get("os"));
        }
        return plain(selector);
    }

    private static String named(Object id, Function<UUID, String> names) {
        UUID uuid = uuid(id);
        String name = uuid == null ? null : names.apply(uuid);
        return name != null ? name : String.valueOf(id);
    }

    static UUID uuid(Object value) {
        if (value instanceof UUID id) {
            return id;
        }
        if (value instanceof String text && text.length() == 36) {
            try {
                return UUID.fromString(text);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return null;
    }

    static String plain(Object value) {
        if (value == null) {
            return "none";
        }
        if (value instanceof Boolean b) {
            return b ? "yes" : "no";
        }
        if (value instanceof Collection<?> items) {
            return items.isEmpty()
                    ? "none"
                    : items.stream().map(AuditChanges::plain).collect(Collectors.joining(", "));
        }
        if (value instanceof Map<?, ?> map) {
            return map.isEmpty()
                    ? "none"
                    : map.entrySet().stream()
                            .map(e -> label(String.valueOf(e.getKey())) + " " + plain(e.getValue()))
                            .collect(Collectors.joining(", "));
        }
        return String.valueOf(value);
    }
}
