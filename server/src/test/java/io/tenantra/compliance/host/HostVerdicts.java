package io.tenantra.compliance.host;

import io.tenantra.compliance.content.Policy;
import io.tenantra.compliance.evaluation.AssetFacts;
import io.tenantra.compliance.evaluation.CheckResult;
import io.tenantra.compliance.evaluation.PolicyEvaluator;
import io.tenantra.model.Item;
import io.tenantra.model.ProbeOutcome;
import io.tenantra.model.ProbeResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns the agent's local scan document ({@code scan --once --output}) into the {@link AssetFacts}
 * the server would judge, and writes one policy's verdicts as a TSV. Kept apart from the
 * comparison so the facts are built the way the server builds them: items by type, modules whose
 * status was ok or partial, os from the system module's {@code os} item, and the probe answers.
 */
final class HostVerdicts {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private HostVerdicts() {}

    static AssetFacts facts(Path scanDocument) throws IOException {
        JsonNode scan = JSON.readTree(Files.readString(scanDocument));
        UUID scanId = UUID.nameUUIDFromBytes(scanDocument.toString().getBytes(StandardCharsets.UTF_8));
        Instant at = Instant.parse(scan.path("startedAt").asString());
        Map<String, List<Item>> byType = new HashMap<>();
        Set<String> reported = new HashSet<>();
        Map<String, AssetFacts.Observation> observations = new HashMap<>();
        String family = null;
        List<String> osIds = new ArrayList<>();
        String version = null;
        for (JsonNode module : scan.path("modules")) {
            String status = module.path("status").asString();
            // A failed module's items are not facts: the server counts only ok and partial results.
            if (!status.equals("ok") && !status.equals("partial")) {
                continue;
            }
            String name = module.path("module").asString();
            reported.add(name);
            observations.put(name, new AssetFacts.Observation(scanId, at));
            for (JsonNode node : module.path("items")) {
                Map<String, Object> attributes = JSON.convertValue(node.path("attributes"), Map.class);
                Item item =
                        new Item(node.path("type").asString(), node.path("key").asString(), attributes);
                byType.computeIfAbsent(item.type(), t -> new ArrayList<>()).add(item);
                if (name.equals("system") && item.type().equals("os")) {
                    JsonNode os = node.path("attributes");
                    family = os.path("family").asString(null);
                    if (os.hasNonNull("id")) {
                        osIds.add(os.path("id").asString());
                    }
                    // ID_LIKE is a space-separated list in os-release; the agent may report it as text or a list.
                    JsonNode like = os.path("idLike");
                    if (like.isArray()) {
                        like.forEach(id -> osIds.add(id.asString()));
                    } else if (like.isString()) {
                        osIds.addAll(List.of(like.asString().trim().split("\\s+")));
                    }
                    version = os.path("versionId").asString(null);
                }
            }
        }
        Map<String, ProbeResult> probes = new HashMap<>();
        for (JsonNode answer : scan.path("probeResults")) {
            String id = answer.path("id").asString();
            probes.put(
                    id,
                    new ProbeResult(
                            id,
                            ProbeOutcome.valueOf(answer.path("outcome").asString()),
                            answer.path("evidence").asString(null),
                            answer.path("message").asString(null)));
            observations.put(id, new AssetFacts.Observation(scanId, at));
        }
        return new AssetFacts(
                UUID.nameUUIDFromBytes(scan.path("hostname").asString("host").getBytes(StandardCharsets.UTF_8)),
                family,
                osIds,
                version,
                byType,
                reported,
                probes,
                observations);
    }

    /** Check id, verdict and reason per line; returns the verdicts by check id. */
    static Map<String, CheckResult> write(Policy policy, AssetFacts facts, Path tsv) throws IOException {
        Map<String, CheckResult> byId = new java.util.LinkedHashMap<>();
        StringBuilder out = new StringBuilder("policy\tcheck\tverdict\ttitle\treason\n");
        for (CheckResult result : PolicyEvaluator.evaluate(policy, facts)) {
            byId.put(result.checkId(), result);
            String title = policy.checks().stream()
                    .filter(c -> c.id().equals(result.checkId()))
                    .findFirst()
                    .map(c -> c.title())
                    .orElse("");
            out.append(policy.id())
                    .append('\t')
                    .append(result.checkId())
                    .append('\t')
                    .append(result.verdict())
                    .append('\t')
                    .append(oneLine(title))
                    .append('\t')
                    .append(oneLine(result.reason()))
                    .append('\n');
        }
        Files.writeString(tsv, out.toString(), StandardCharsets.UTF_8);
        return byId;
    }

    static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("[\\t\\r\\n]+", " ").strip();
    }
}
