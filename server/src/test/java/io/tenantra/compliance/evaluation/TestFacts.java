package io.tenantra.compliance.evaluation;

import io.tenantra.model.Item;
import io.tenantra.model.Probe;
import io.tenantra.model.ProbeOutcome;
import io.tenantra.model.ProbeResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Builds the facts of one asset for evaluator tests: a Debian 12 host unless told otherwise. */
final class TestFacts {

    static final UUID SCAN = UUID.fromString("00000000-0000-0000-0000-00000000005c");
    static final Instant AT = Instant.parse("2026-12-03T10:15:30Z");

    private String osFamily = "linux";
    private List<String> osIds = List.of("debian");
    private String osVersion = "12";
    private final Map<String, List<Item>> items = new LinkedHashMap<>();
    private final Set<String> modules = new HashSet<>();
    private final Map<String, ProbeResult> probes = new HashMap<>();
    private final Map<String, AssetFacts.Observation> observations = new HashMap<>();

    static TestFacts debian12() {
        return new TestFacts();
    }

    TestFacts os(String family, String version, String... ids) {
        this.osFamily = family;
        this.osVersion = version;
        this.osIds = List.of(ids);
        return this;
    }

    /** A module that reported (possibly no items). */
    TestFacts module(String module) {
        modules.add(module);
        observations.put(module, new AssetFacts.Observation(SCAN, AT));
        return this;
    }

    /** An item reported by {@code module}; attributes as key, value pairs. */
    TestFacts item(String module, String type, String key, Object... attributes) {
        module(module);
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < attributes.length; i += 2) {
            values.put((String) attributes[i], attributes[i + 1]);
        }
        items.computeIfAbsent(type, t -> new ArrayList<>()).add(new Item(type, key, values));
        return this;
    }

    TestFacts answer(Probe probe, ProbeOutcome outcome, String evidence) {
        probes.put(
                probe.id(),
                new ProbeResult(
                        probe.id(), outcome, evidence, outcome == ProbeOutcome.ERROR ? "permission denied" : null));
        observations.put(probe.id(), new AssetFacts.Observation(SCAN, AT));
        return this;
    }

    AssetFacts build() {
        return new AssetFacts(UUID.randomUUID(), osFamily, osIds, osVersion, items, modules, probes, observations);
    }
}
