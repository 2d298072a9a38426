package io.tenantra.compliance.store;

import io.tenantra.agents.LatestFacts;
import io.tenantra.compliance.evaluation.AssetFacts;
import io.tenantra.model.Item;
import io.tenantra.model.ProbeResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Builds one asset's {@link AssetFacts} from what agents stored: the newest items of every module
 * (by item type), the modules that reported usefully (ok or partial: a fact rule over a module
 * that failed is an error, not a pass), the operating system from the {@code system} module's
 * {@code os} item, and the newest probe answers. Pure, so the listener and the bulk
 * re-evaluation assemble facts the same way.
 */
public final class FactsAssembly {

    /** Where the operating system is reported (see docs/agent-modules.md, module {@code system}). */
    static final String SYSTEM_MODULE = "system";

    static final String OS_ITEM_TYPE = "os";

    private FactsAssembly() {}

    /** A probe answer with where it came from, whatever store it was read from. */
    public record ProbeAnswer(ProbeResult result, AssetFacts.Observation observation) {}

    public static AssetFacts assemble(
            UUID agentId, String osFamily, List<LatestFacts.ModuleFacts> modules, Map<String, ProbeAnswer> probes) {
        Map<String, List<Item>> byType = new HashMap<>();
        Set<String> reported = new HashSet<>();
        Map<String, AssetFacts.Observation> observations = new HashMap<>();
        Item os = null;
        for (LatestFacts.ModuleFacts module : modules) {
            boolean useful = "ok".equals(module.status()) || "partial".equals(module.status());
            if (!useful) {
                continue;
            }
            reported.add(module.module());
            observations.put(module.module(), new AssetFacts.Observation(module.scanId(), module.collectedAt()));
            for (Item item : module.items()) {
                byType.computeIfAbsent(item.type(), t -> new ArrayList<>()).add(item);
                if (SYSTEM_MODULE.equals(module.module()) && OS_ITEM_TYPE.equals(item.type())) {
                    os = item;
                }
            }
        }
        String family = osFamily;
        List<String> ids = new ArrayList<>();
        String version = null;
        if (os != null) {
            family = text(os.attributes().get("family"), osFamily);
            String id = text(os.attributes().get("id"), null);
            if (id != null) {
                ids.add(id.toLowerCase(Locale.ROOT));
            }
            String like = text(os.attributes().get("idLike"), null);
            if (like != null) {
                for (String each : like.trim().split("\\s+")) {
                    if (!each.isEmpty()) {
                        ids.add(each.toLowerCase(Locale.ROOT));
                    }
                }
            }
            version = text(os.attributes().get("versionId"), null);
        }
        Map<String, ProbeResult> results = new HashMap<>();
        for (Map.Entry<String, ProbeAnswer> probe : probes.entrySet()) {
            results.put(probe.getKey(), probe.getValue().result());
            observations.put(probe.getKey(), probe.getValue().observation());
        }
        return new AssetFacts(agentId, family, ids, version, byType, reported, results, observations);
    }

    private static String text(Object value, String fallback) {
        return value == null || String.valueOf(value).isBlank() ? fallback : String.valueOf(value);
    }
}
