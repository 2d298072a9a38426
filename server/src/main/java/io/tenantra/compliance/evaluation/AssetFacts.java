package io.tenantra.compliance.evaluation;

import io.tenantra.model.Item;
import io.tenantra.model.ProbeResult;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Everything known about one asset at evaluation time: its operating system, the latest items of
 * every module that reported (by item type), which modules reported successfully, and the latest
 * probe answers by probe id, each with the scan and time they came from.
 *
 * @param osIds the os-release {@code ID} followed by its {@code ID_LIKE} entries
 * @param modulesReported modules whose latest result was ok or partial (a fact rule over a module
 *     that did not report is an error, not a pass)
 */
public record AssetFacts(
        UUID agentId,
        String osFamily,
        List<String> osIds,
        String osVersion,
        Map<String, List<Item>> itemsByType,
        Set<String> modulesReported,
        Map<String, ProbeResult> probeResults,
        Map<String, Observation> observations) {

    /** Where and when a module's items or a probe's answer were collected. */
    public record Observation(UUID scanId, Instant at) {}

    public AssetFacts {
        osIds = osIds == null ? List.of() : List.copyOf(osIds);
        itemsByType = itemsByType == null ? new ItemIndex(Map.of()) : new ItemIndex(itemsByType);
        modulesReported = modulesReported == null ? Set.of() : Set.copyOf(modulesReported);
        probeResults = probeResults == null ? Map.of() : Map.copyOf(probeResults);
        observations = observations == null ? Map.of() : Map.copyOf(observations);
    }

    public List<Item> items(String type) {
        return itemsByType.getOrDefault(type, List.of());
    }

    /** The items of {@code type} whose key is {@code key}, in reported order, found by index. */
    public List<Item> items(String type, String key) {
        return ((ItemIndex) itemsByType).withKey(type, key);
    }

    /** The items of {@code type} whose {@code attribute} compares EQUALS to the text {@code value}. */
    public List<Item> itemsWhere(String type, String attribute, String value) {
        return ((ItemIndex) itemsByType).withAttribute(type, attribute, value);
    }
}
