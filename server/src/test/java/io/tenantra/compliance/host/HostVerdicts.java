package io.tenantra.compliance.host;

import io.tenantra.agents.LatestFacts;
import io.tenantra.compliance.content.Policy;
import io.tenantra.compliance.evaluation.AssetFacts;
import io.tenantra.compliance.evaluation.CheckResult;
import io.tenantra.compliance.evaluation.PolicyEvaluator;
import io.tenantra.compliance.store.FactsAssembly;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns the agent's local scan document ({@code scan --once --output}) into the {@link AssetFacts}
 * the server would judge, through the server's own {@link FactsAssembly} (items by type, modules
 * whose status was ok or partial, os from the system module's {@code os} item, the probe answers),
 * and writes one policy's verdicts as a TSV.
 */
final class HostVerdicts {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private HostVerdicts() {}

    static AssetFacts facts(Path scanDocument) throws IOException {
        JsonNode scan = JSON.readTree(Files.readString(scanDocument));
        UUID agentId =
                UUID.nameUUIDFromBytes(scan.path("hostname").asString("host").getBytes(StandardCharsets.UTF_8));
        UUID scanId = UUID.nameUUIDFromBytes(scanDocument.toString().getBytes(StandardCharsets.UTF_8));
        Instant at = Instant.parse(scan.path("startedAt").asString());
        List<LatestFacts.ModuleFacts> modules = new ArrayList<>();
        for (JsonNode module : scan.path("modules")) {
            List<Item> items = new ArrayList<>();
            for (JsonNode node : module.path("items")) {
                @SuppressWarnings("unchecked")
                Map<String, Object> attributes = JSON.convertValue(node.path("attributes"), Map.class);
                items.add(
                        new Item(node.path("type").asString(), node.path("key").asString(), attributes));
            }
            modules.add(new LatestFacts.ModuleFacts(
                    agentId,
                    module.path("module").asString(),
                    module.path("status").asString(),
                    scanId,
                    scanId,
                    at,
                    items));
        }
        Map<String, FactsAssembly.ProbeAnswer> probes = new HashMap<>();
        for (JsonNode answer : scan.path("probeResults")) {
            String id = answer.path("id").asString();
            ProbeResult result = new ProbeResult(
                    id,
                    ProbeOutcome.valueOf(answer.path("outcome").asString()),
                    answer.path("evidence").asString(null),
                    answer.path("message").asString(null));
            probes.put(id, new FactsAssembly.ProbeAnswer(result, new AssetFacts.Observation(scanId, at)));
        }
        // The product's own assembly, so the comparison judges facts exactly as the server builds them.
        return FactsAssembly.assemble(agentId, scan.path("os").asString(null), modules, probes);
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
