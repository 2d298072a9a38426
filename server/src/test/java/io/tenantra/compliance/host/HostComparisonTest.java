package io.tenantra.compliance.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.compliance.content.BuiltInContent;
import io.tenantra.compliance.content.Policy;
import io.tenantra.compliance.content.Probes;
import io.tenantra.compliance.content.wazuh.WazuhPolicyImporter;
import io.tenantra.compliance.evaluation.AssetFacts;
import io.tenantra.compliance.evaluation.CheckResult;
import io.tenantra.model.Probe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import tools.jackson.databind.json.JsonMapper;

/**
 * Not a unit test: the tool behind docs/compliance.md "Agreement with OpenSCAP and Lynis on a real
 * host". On the machine it runs on, it writes every probe of the built-in Linux content and of an
 * imported Wazuh CIS policy, runs the real agent (as root) with them, judges the scan with the
 * product's evaluator, writes our verdicts ({@code ours-*.tsv}) and compares the shared checks with
 * the OpenSCAP and Lynis results found in the same directory ({@link SharedChecks}). Off unless
 * {@code -Dtenantra.host.compare=true}, because it reads the host it runs on.
 */
@EnabledIfSystemProperty(named = "tenantra.host.compare", matches = "true")
class HostComparisonTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void judgesThisHostAndComparesWithOpenScapAndLynis() throws Exception {
        Path dir = Path.of(System.getProperty("tenantra.host.dir", "/work/compare"));
        Path agent = Path.of(System.getProperty("tenantra.host.agent", "../agent/target/tenantra-agent.jar"));
        String cisFile = System.getProperty("tenantra.host.cis");

        Map<String, Policy> policies = new LinkedHashMap<>();
        for (Policy policy : new BuiltInContent().policies()) {
            if (policy.id().startsWith("tenantra-linux")) {
                policies.put(policy.id(), policy);
            }
        }
        Policy cis = null;
        if (cisFile != null) {
            cis = WazuhPolicyImporter.parse(
                    Path.of(cisFile).getFileName().toString(), Files.readString(Path.of(cisFile)));
        }
        Map<String, Probe> probes = new LinkedHashMap<>();
        List<Policy> all = new ArrayList<>(policies.values());
        if (cis != null) {
            all.add(cis);
        }
        for (Policy policy : all) {
            Probes.of(policy).forEach(p -> probes.putIfAbsent(p.id(), p));
        }
        Path probeFile = dir.resolve("probes.json");
        Files.writeString(probeFile, JSON.writeValueAsString(List.copyOf(probes.values())));

        Path scan = dir.resolve("scan-with-probes.json");
        if (!Boolean.getBoolean("tenantra.host.reuseScan")) {
            Process process = new ProcessBuilder(
                            "java",
                            "-jar",
                            agent.toString(),
                            "scan",
                            "--once",
                            "--probes",
                            probeFile.toString(),
                            "--set",
                            "probes.timeBudgetSeconds=900",
                            "--output",
                            scan.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("scan-with-probes.log").toFile())
                    .start();
            assertThat(process.waitFor(20, TimeUnit.MINUTES)).isTrue();
            assertThat(process.exitValue())
                    .as("agent exit code, see scan-with-probes.log")
                    .isZero();
        }
        AssetFacts facts = HostVerdicts.facts(scan);
        assertThat(facts.osIds()).as("the scan names the distribution").isNotEmpty();

        Map<String, CheckResult> ours = new LinkedHashMap<>();
        for (Policy policy : policies.values()) {
            ours.putAll(HostVerdicts.write(policy, facts, dir.resolve("ours-" + policy.id() + ".tsv")));
        }
        Map<String, CheckResult> cisVerdicts =
                cis == null ? Map.of() : HostVerdicts.write(cis, facts, dir.resolve("ours-" + cis.id() + ".tsv"));

        SharedChecks.Table table = SharedChecks.compare(
                SharedChecks.mapping(),
                ours,
                cisVerdicts,
                SharedChecks.openScap(dir.resolve("oscap-all-results.xml")),
                SharedChecks.lynis(dir.resolve("lynis-report.dat"), dir.resolve("lynis.log")));
        Files.writeString(dir.resolve("agreement.md"), table.markdown());
        assertThat(table.rows()).isNotEmpty();
    }
}
