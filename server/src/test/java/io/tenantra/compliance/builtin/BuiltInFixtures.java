package io.tenantra.compliance.builtin;

import io.tenantra.compliance.content.Check;
import io.tenantra.compliance.content.CheckFormat;
import io.tenantra.compliance.content.Policy;
import io.tenantra.compliance.content.PolicyOrigin;
import io.tenantra.compliance.content.ProbeRule;
import io.tenantra.compliance.content.Rule;
import io.tenantra.compliance.evaluation.AssetFacts;
import io.tenantra.model.Item;
import io.tenantra.model.ProbeOutcome;
import io.tenantra.model.ProbeResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Loads the built-in check files exactly as the product ships them and the pass/fail fixtures
 * written beside them in {@code src/test/resources/compliance/builtin/<os>/<area>.json}, and turns
 * a fixture into the {@link AssetFacts} the evaluator judges. A fixture file has {@code defaults}
 * (the asset's os and items every fixture of the area shares) and {@code checks}: check id to
 * {@code {pass, fail}}, each with {@code items} (type to items, an item being its key plus its
 * attributes, or its key and an {@code attributes} object when an attribute is itself called key), {@code probes} (the check's rule index to an answer, resolved to the probe id the
 * parser derived) and optionally {@code os} and {@code modules}.
 */
final class BuiltInFixtures {

    /** Every module the agent has: a fixture's facts count as reported unless it says otherwise. */
    static final Set<String> ALL_MODULES = Set.of(
            "system",
            "packages",
            "users",
            "network",
            "services",
            "persistence",
            "processes",
            "boot",
            "kernel",
            "config",
            "files");

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant SCANNED_AT = Instant.parse("2026-12-01T08:00:00Z");

    /** One content file: where it lives, what it parsed into, and its fixtures. */
    record Area(String path, String os, Policy policy, JsonNode fixtures) {

        JsonNode defaults() {
            return fixtures.path("defaults");
        }

        JsonNode fixture(String checkId, String kind) {
            return fixtures.path("checks").path(checkId).path(kind);
        }
    }

    private BuiltInFixtures() {}

    static List<Area> areas() {
        try {
            Resource[] files =
                    new PathMatchingResourcePatternResolver().getResources("classpath*:compliance/checks/**/*.yaml");
            List<Area> areas = new ArrayList<>();
            for (Resource file : files) {
                String url = file.getURL().toString();
                String path = url.substring(url.lastIndexOf("compliance/checks/") + "compliance/checks/".length());
                String os = path.substring(0, path.indexOf('/'));
                String yaml = read(file.getInputStream());
                Policy policy = CheckFormat.parse(path, yaml, PolicyOrigin.BUILT_IN);
                String fixturePath = "compliance/builtin/" + path.replaceFirst("\\.yaml$", ".json");
                InputStream fixtures = BuiltInFixtures.class.getClassLoader().getResourceAsStream(fixturePath);
                JsonNode fixtureTree = fixtures == null ? JSON.createObjectNode() : JSON.readTree(read(fixtures));
                areas.add(new Area(path, os, policy, fixtureTree));
            }
            areas.sort((a, b) -> a.path().compareTo(b.path()));
            return areas;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(InputStream in) throws IOException {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The asset a fixture describes: the area's defaults overlaid by the fixture's own values. */
    static AssetFacts facts(Area area, Check check, JsonNode fixture) {
        JsonNode os = fixture.has("os") ? fixture.get("os") : area.defaults().path("os");
        List<String> osIds = new ArrayList<>();
        os.path("ids").forEach(id -> osIds.add(id.asString()));
        Map<String, Map<String, Item>> items = new TreeMap<>();
        addItems(items, area.defaults().path("items"));
        addItems(items, fixture.path("items"));
        Map<String, List<Item>> byType = new HashMap<>();
        items.forEach((type, byKey) -> byType.put(type, List.copyOf(byKey.values())));
        Set<String> modules = ALL_MODULES;
        if (fixture.has("modules")) {
            List<String> listed = new ArrayList<>();
            fixture.get("modules").forEach(m -> listed.add(m.asString()));
            modules = Set.copyOf(listed);
        }
        Map<String, ProbeResult> probes = new HashMap<>();
        Map<String, AssetFacts.Observation> observations = new HashMap<>();
        UUID scan = UUID.nameUUIDFromBytes((check.id() + "/scan").getBytes(StandardCharsets.UTF_8));
        for (String module : modules) {
            observations.put(module, new AssetFacts.Observation(scan, SCANNED_AT));
        }
        for (Map.Entry<String, JsonNode> answer : fixture.path("probes").properties()) {
            int index = Integer.parseInt(answer.getKey());
            Rule rule = check.rules().get(index);
            if (!(rule instanceof ProbeRule probeRule)) {
                throw new IllegalStateException(check.id() + ": rule " + index + " is not a probe rule");
            }
            String id = probeRule.probe().id();
            JsonNode value = answer.getValue();
            probes.put(
                    id,
                    new ProbeResult(
                            id,
                            ProbeOutcome.valueOf(value.path("outcome").asString()),
                            value.path("evidence").asString(null),
                            value.path("message").asString(null)));
            observations.put(id, new AssetFacts.Observation(scan, SCANNED_AT));
        }
        return new AssetFacts(
                UUID.nameUUIDFromBytes((check.id() + "/agent").getBytes(StandardCharsets.UTF_8)),
                os.path("family").asString(),
                osIds,
                os.path("version").asString(null),
                byType,
                modules,
                probes,
                observations);
    }

    private static void addItems(Map<String, Map<String, Item>> items, JsonNode byType) {
        for (Map.Entry<String, JsonNode> type : byType.properties()) {
            Map<String, Item> byKey = items.computeIfAbsent(type.getKey(), t -> new LinkedHashMap<>());
            for (JsonNode node : type.getValue()) {
                // {"key": k, "attributes": {...}} where an attribute is itself called "key" (audit rules);
                // otherwise every field but "key" is an attribute.
                JsonNode source = node.has("attributes") ? node.get("attributes") : node;
                Map<String, Object> attributes = new LinkedHashMap<>();
                for (Map.Entry<String, JsonNode> attribute : source.properties()) {
                    if (source != node || !attribute.getKey().equals("key")) {
                        attributes.put(attribute.getKey(), JSON.treeToValue(attribute.getValue(), Object.class));
                    }
                }
                String key = node.path("key").asString();
                byKey.put(key, new Item(type.getKey(), key, attributes));
            }
        }
    }
}
