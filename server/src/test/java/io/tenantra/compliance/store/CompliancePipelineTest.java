package io.tenantra.compliance.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.agents.ScanJobResultStored;
import io.tenantra.support.ComplianceContent;
import io.tenantra.support.Fixtures;
import io.tenantra.support.Http;
import io.tenantra.support.ServerTest;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The whole pipeline over HTTP: a tenant imports a policy and a framework, an agent's scan result
 * is stored, and the listener leaves verdicts with evidence, an asset score, the tenant's summary
 * and today's history row behind; a content change then re-judges the stored facts without a new
 * scan, and imported command rules stay unrun until allowed.
 */
@ServerTest
class CompliancePipelineTest {

    static final String FRAMEWORK = "probe-framework";

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fx;

    @Autowired
    ScanResultListener listener;

    Http http;
    UUID tenant;
    String admin;
    String base;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        tenant = fx.tenant(fx.root(), "compliance");
        admin = http.login(fx.user(tenant, "ADMIN"), Fixtures.PASSWORD);
        base = "/api/v1/tenants/" + tenant + "/compliance";
        assertThat(yaml("/frameworks", ComplianceContent.framework(FRAMEWORK)).status())
                .isEqualTo(201);
        // Only what the test imports is evaluated: the built-in policies are switched off here.
        Http.Response enablement = http.send(http.request(base + "/enablement", admin)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"frameworks\":[\"" + FRAMEWORK + "\"],\"policies\":[]}"))
                .build());
        assertThat(enablement.status()).as(enablement.body()).isEqualTo(200);
    }

    @Test
    void aStoredScanResultBecomesVerdictsEvidenceScoresAndHistory() {
        String policy = Fixtures.unique("ssh");
        assertThat(yaml("/policies", ComplianceContent.policy(policy, false)).status())
                .isEqualTo(201);

        SignedAgent agent = scanned("yes");
        JsonNode asset = await("/assets/" + agent.id, a -> verdict(a, policy + "-fact") != null);
        assertThat(verdict(asset, policy + "-fact")).isEqualTo("FAIL");
        assertThat(asset.get("scores").get(0).get("frameworkId").asString()).isEqualTo(FRAMEWORK);
        assertThat(asset.get("scores").get(0).get("fail").asInt()).isEqualTo(1);
        assertThat(asset.get("scores").get(0).get("score").asDouble()).isEqualTo(0.0);

        Http.Response evidence = http.get(base + "/results/" + agent.id + "/" + policy + "-fact", admin);
        assertThat(evidence.status()).as(evidence.body()).isEqualTo(200);
        JsonNode rule = evidence.json().get("evidence").get(0);
        assertThat(rule.get("observed").asString()).contains("yes");
        assertThat(rule.get("expected").asString()).contains("no");
        assertThat(evidence.json().get("firstFailedAt").isNull()).isFalse();

        JsonNode summary =
                http.get(base + "/summary", admin).json().get("frameworks").get(0);
        assertThat(summary.get("frameworkId").asString()).isEqualTo(FRAMEWORK);
        assertThat(summary.get("assets").asInt()).isEqualTo(1);
        assertThat(summary.get("fail").asInt()).isEqualTo(1);
        assertThat(summary.get("score").asDouble()).isEqualTo(0.0);

        String today = LocalDate.now(ZoneOffset.UTC).toString();
        JsonNode history =
                http.get(base + "/history?framework=" + FRAMEWORK, admin).json();
        assertThat(history.get("days")).hasSize(1);
        assertThat(history.get("days").get(0).get("day").asString()).isEqualTo(today);

        JsonNode failing = http.get(base + "/results?verdict=fail&framework=" + FRAMEWORK + "&control=PR-1", admin)
                .json()
                .get("items");
        assertThat(failing).hasSize(1);
        assertThat(failing.get(0).get("agentId").asString()).isEqualTo(agent.id.toString());
        assertThat(http.get(base + "/frameworks/" + FRAMEWORK + "/controls/PR-1", admin)
                        .json()
                        .get("items"))
                .hasSize(1);
    }

    @Test
    void aRedeliveredEventChangesNothingAndAFailureKeepsWhenItBegan() {
        String policy = Fixtures.unique("again");
        assertThat(yaml("/policies", ComplianceContent.policy(policy, false)).status())
                .isEqualTo(201);
        SignedAgent agent = scanned("yes");
        String path = "/results/" + agent.id + "/" + policy + "-fact";
        JsonNode first = await(path, r -> "FAIL".equals(r.get("verdict").asString()));

        UUID job = UUID.fromString(lastJob.get("id").asString());
        listener.on(new ScanJobResultStored(
                tenant, UUID.randomUUID(), job, agent.id, "succeeded", List.of("system", "config"), Instant.now()));
        assertThat(http.get(base + path, admin).json().get("evaluatedAt"))
                .as("the job was judged already")
                .isEqualTo(first.get("evaluatedAt"));

        // Judged again (a re-evaluation), still failing: it failed since the first time.
        Http.Response rerun = http.send(http.request(base + "/enablement", admin)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"frameworks\":[\"" + FRAMEWORK + "\"],\"policies\":[]}"))
                .build());
        String run = rerun.json().get("evaluation").get("id").asString();
        await("/evaluations/" + run, r -> "completed".equals(r.get("state").asString()));
        JsonNode again = http.get(base + path, admin).json();
        assertThat(again.get("evaluatedAt")).isNotEqualTo(first.get("evaluatedAt"));
        assertThat(again.get("firstFailedAt")).isEqualTo(first.get("firstFailedAt"));
    }

    @Test
    void aNewPolicyVersionReJudgesStoredFactsWithoutANewScan() {
        String policy = Fixtures.unique("ssh");
        assertThat(yaml("/policies", ComplianceContent.policy(policy, false)).status())
                .isEqualTo(201);
        SignedAgent agent = scanned("yes");
        await("/assets/" + agent.id, a -> "FAIL".equals(verdict(a, policy + "-fact")));

        Http.Response token = http.postJson(
                "/api/v1/tenants/" + tenant + "/enrollment-tokens", admin, Map.of("name", Fixtures.unique("t")));
        new SignedAgent(http, token.json().get("token").asString(), Fixtures.unique("never-scanned"));

        // Version 2 accepts "yes": nothing is rescanned, the stored item is judged again.
        Http.Response imported = yaml("/policies", ComplianceContent.policy(policy, "2.0", "yes", false));
        assertThat(imported.status()).as(imported.body()).isEqualTo(201);
        String run = imported.json().get("evaluation").get("id").asString();
        JsonNode finished = await(
                "/evaluations/" + run, r -> "completed".equals(r.get("state").asString()));
        assertThat(finished.get("done").asInt()).isEqualTo(finished.get("total").asInt());

        JsonNode asset = http.get(base + "/assets/" + agent.id, admin).json();
        assertThat(verdict(asset, policy + "-fact")).isEqualTo("PASS");
        assertThat(http.get(base + "/assets", admin).json().get("items"))
                .as("an agent that never reported anything is not judged")
                .hasSize(1);
        assertThat(http.get(base + "/summary", admin)
                        .json()
                        .get("frameworks")
                        .get(0)
                        .get("score")
                        .asDouble())
                .isEqualTo(100.0);
    }

    @Test
    void importedCommandRulesStayUnrunUntilAnAdministratorAllowsThem() {
        String policy = Fixtures.unique("cmd");
        assertThat(yaml("/policies", ComplianceContent.policy(policy, true)).status())
                .isEqualTo(201);
        SignedAgent agent = scanned("no");
        assertThat(kinds(lastJob))
                .as("no command goes out before it is allowed")
                .doesNotContain("COMMAND");
        JsonNode asset = await("/assets/" + agent.id, a -> verdict(a, policy + "-command") != null);
        JsonNode command = result(asset, policy + "-command");
        assertThat(command.get("verdict").asString()).isEqualTo("ERROR");
        assertThat(command.get("reason").asString()).contains("command rules not enabled");
        assertThat(verdict(asset, policy + "-fact")).isEqualTo("PASS");

        Http.Response allowed =
                http.postJson(base + "/policies/" + policy + "/command-rules", admin, Map.of("enabled", true));
        assertThat(allowed.status()).as(allowed.body()).isEqualTo(200);
        assertThat(allowed.json().get("policy").get("commandRulesEnabled").asBoolean())
                .isTrue();
        String run = allowed.json().get("evaluation").get("id").asString();
        await("/evaluations/" + run, r -> "completed".equals(r.get("state").asString()));
        JsonNode after = result(http.get(base + "/assets/" + agent.id, admin).json(), policy + "-command");
        assertThat(after.get("reason").asString()).doesNotContain("command rules not enabled");
        scanned("no");
        assertThat(kinds(lastJob))
                .as("once allowed, the command probe rides in the job")
                .contains("COMMAND");
    }

    private static List<String> kinds(JsonNode job) {
        List<String> kinds = new java.util.ArrayList<>();
        if (job.get("probes") != null) {
            job.get("probes").forEach(p -> kinds.add(p.get("kind").asString()));
        }
        return kinds;
    }

    /** The job the last {@link #scanned} agent took, as the agent received it (with its probes). */
    JsonNode lastJob;

    /** An enrolled agent that ran one scan reporting an os item and sshd's PermitRootLogin. */
    private SignedAgent scanned(String permitRootLogin) {
        Http.Response token = http.postJson(
                "/api/v1/tenants/" + tenant + "/enrollment-tokens", admin, Map.of("name", Fixtures.unique("t")));
        SignedAgent agent = new SignedAgent(http, token.json().get("token").asString(), Fixtures.unique("host"));
        Http.Response scan = http.postJson(
                "/api/v1/tenants/" + tenant + "/scans",
                admin,
                Map.of("modules", List.of("system", "config"), "selector", Map.of("agentIds", List.of(agent.id))));
        assertThat(scan.status()).as(scan.body()).isEqualTo(201);
        lastJob = agent.poll().get(0);
        UUID job = UUID.fromString(lastJob.get("id").asString());
        Http.Response uploaded = agent.upload(
                job,
                Map.of(
                        "system",
                        List.of(SignedAgent.item(
                                "os", "os", Map.of("family", "linux", "id", "debian", "versionId", "12"))),
                        "config",
                        List.of(SignedAgent.item("sshd_setting", "permitrootlogin", Map.of("value", permitRootLogin)))),
                List.of());
        assertThat(uploaded.status()).as(uploaded.body()).isBetween(200, 202);
        return agent;
    }

    private Http.Response yaml(String path, String body) {
        return http.send(http.request(base + path, admin)
                .header("Content-Type", "application/yaml")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    /** Polls a GET until it answers 200 with a body {@code done} accepts (the pipeline is asynchronous). */
    private JsonNode await(String path, Predicate<JsonNode> done) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        Http.Response last = null;
        while (Instant.now().isBefore(deadline)) {
            last = http.get(base + path, admin);
            if (last.status() == 200 && done.test(last.json())) {
                return last.json();
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("timed out waiting for " + path + ": " + (last == null ? "" : last.body()));
    }

    private static JsonNode result(JsonNode asset, String checkId) {
        for (JsonNode r : asset.get("results")) {
            if (r.get("checkId").asString().equals(checkId)) {
                return r;
            }
        }
        return null;
    }

    private static String verdict(JsonNode asset, String checkId) {
        JsonNode r = result(asset, checkId);
        return r == null ? null : r.get("verdict").asString();
    }
}
