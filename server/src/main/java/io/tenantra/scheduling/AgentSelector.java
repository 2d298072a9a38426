package io.tenantra.scheduling;

import io.tenantra.agents.Scans;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Which agents a profile scans, in the scan API's shape: exactly one of {@code all} (true),
 * {@code agentIds}, {@code tags} (every one must match) or {@code os}. Checked here when a profile
 * is saved, so a schedule fails at save time rather than at 3 a.m.
 */
public record AgentSelector(Boolean all, List<UUID> agentIds, Map<String, String> tags, String os) {

    static final int MAX_AGENT_IDS = 10_000;
    static final int MAX_TAGS = 32;
    static final List<String> OS_FAMILIES = List.of("linux", "macos", "windows");

    /** The selector as stored and shown: only the field that is set. */
    Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        if (all != null) {
            map.put("all", true);
        } else if (agentIds != null) {
            map.put("agentIds", agentIds.stream().map(UUID::toString).toList());
        } else if (tags != null) {
            map.put("tags", new TreeMap<>(tags));
        } else if (os != null) {
            map.put("os", os);
        }
        return map;
    }

    @SuppressWarnings("unchecked")
    static AgentSelector fromMap(Map<String, Object> map) {
        if (map.containsKey("agentIds")) {
            return new AgentSelector(
                    null,
                    ((List<String>) map.get("agentIds"))
                            .stream().map(UUID::fromString).toList(),
                    null,
                    null);
        }
        if (map.containsKey("tags")) {
            return new AgentSelector(null, null, (Map<String, String>) map.get("tags"), null);
        }
        if (map.containsKey("os")) {
            return new AgentSelector(null, null, null, (String) map.get("os"));
        }
        return new AgentSelector(true, null, null, null);
    }

    Scans.Selector toScans() {
        return new Scans.Selector(all, agentIds, tags, os);
    }

    /** The same selector with every error reported on {@code fields}; null when invalid. */
    static AgentSelector check(AgentSelector selector, Fields fields) {
        if (selector == null) {
            fields.add("selector", "is required: one of all, agentIds, tags, os");
            return null;
        }
        int set = (selector.all() != null ? 1 : 0)
                + (selector.agentIds() != null ? 1 : 0)
                + (selector.tags() != null ? 1 : 0)
                + (selector.os() != null ? 1 : 0);
        if (set != 1) {
            fields.add("selector", "must have exactly one of all, agentIds, tags, os");
            return null;
        }
        if (selector.all() != null && !selector.all()) {
            fields.add("selector.all", "must be true when given");
            return null;
        }
        if (selector.agentIds() != null) {
            List<UUID> ids = selector.agentIds();
            if (ids.isEmpty() || ids.size() > MAX_AGENT_IDS || ids.stream().anyMatch(Objects::isNull)) {
                fields.add("selector.agentIds", "must hold between 1 and " + MAX_AGENT_IDS + " agent ids");
                return null;
            }
            return new AgentSelector(null, List.copyOf(new LinkedHashSet<>(ids)), null, null);
        }
        if (selector.tags() != null) {
            if (selector.tags().isEmpty() || selector.tags().size() > MAX_TAGS) {
                fields.add("selector.tags", "must hold between 1 and " + MAX_TAGS + " tags");
                return null;
            }
            for (Map.Entry<String, String> tag : selector.tags().entrySet()) {
                fields.tag("selector.tags", tag.getKey(), "selector.tags." + tag.getKey(), tag.getValue());
            }
            return new AgentSelector(null, null, new TreeMap<>(selector.tags()), null);
        }
        if (selector.os() != null && !OS_FAMILIES.contains(selector.os())) {
            fields.add("selector.os", "must be linux, macos or windows");
            return null;
        }
        return selector;
    }
}
