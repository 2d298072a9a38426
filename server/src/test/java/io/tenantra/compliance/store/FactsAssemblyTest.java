package io.tenantra.compliance.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.agents.LatestFacts;
import io.tenantra.compliance.evaluation.AssetFacts;
import io.tenantra.model.Item;
import io.tenantra.model.ProbeOutcome;
import io.tenantra.model.ProbeResult;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** How stored module results and probe answers become the facts checks are judged on. */
class FactsAssemblyTest {

    final UUID agent = UUID.randomUUID();
    final UUID scan = UUID.randomUUID();
    final Instant at = Instant.parse("2026-12-03T10:00:00Z");

    @Test
    void theOperatingSystemComesFromTheSystemModulesOsItem() {
        LatestFacts.ModuleFacts system = module(
                "system",
                "ok",
                new Item(
                        "os",
                        "os",
                        Map.of("family", "linux", "id", "Ubuntu", "idLike", "debian  gnu", "versionId", "24.04")));
        AssetFacts facts = FactsAssembly.assemble(agent, "windows", List.of(system), Map.of());
        assertThat(facts.osFamily()).isEqualTo("linux");
        assertThat(facts.osIds()).containsExactly("ubuntu", "debian", "gnu");
        assertThat(facts.osVersion()).isEqualTo("24.04");
    }

    @Test
    void withoutAnOsItemTheAgentsFamilyIsKeptAndNothingElseIsGuessed() {
        AssetFacts facts = FactsAssembly.assemble(agent, "macos", List.of(), Map.of());
        assertThat(facts.osFamily()).isEqualTo("macos");
        assertThat(facts.osIds()).isEmpty();
        assertThat(facts.osVersion()).isNull();
    }

    @Test
    void onlyModulesThatReportedUsefullyCountAndTheirItemsAreGroupedByType() {
        LatestFacts.ModuleFacts config = module(
                "config",
                "partial",
                new Item("sshd_setting", "permitrootlogin", Map.of("value", "no")),
                new Item("sshd_setting", "port", Map.of("value", "22")));
        LatestFacts.ModuleFacts failed = module("packages", "error", new Item("package", "openssl", Map.of()));
        AssetFacts facts = FactsAssembly.assemble(agent, "linux", List.of(config, failed), Map.of());
        assertThat(facts.modulesReported()).containsExactly("config");
        assertThat(facts.items("sshd_setting")).hasSize(2);
        assertThat(facts.items("package"))
                .as("a failed module's items are not facts")
                .isEmpty();
        assertThat(facts.observations().get("config")).isEqualTo(new AssetFacts.Observation(scan, at));
    }

    @Test
    void probeAnswersKeepWhereTheyCameFrom() {
        AssetFacts.Observation observed = new AssetFacts.Observation(scan, at);
        AssetFacts facts = FactsAssembly.assemble(
                agent,
                "linux",
                List.of(),
                Map.of(
                        "p1",
                        new FactsAssembly.ProbeAnswer(
                                new ProbeResult("p1", ProbeOutcome.FOUND, "line", null), observed)));
        assertThat(facts.probeResults().get("p1").outcome()).isEqualTo(ProbeOutcome.FOUND);
        assertThat(facts.observations().get("p1")).isEqualTo(observed);
    }

    private LatestFacts.ModuleFacts module(String name, String status, Item... items) {
        return new LatestFacts.ModuleFacts(agent, name, status, scan, UUID.randomUUID(), at, List.of(items));
    }
}
