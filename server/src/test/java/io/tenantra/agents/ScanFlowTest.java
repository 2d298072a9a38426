package io.tenantra.agents;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.support.AuditRecorder;
import io.tenantra.support.Fixtures;
import io.tenantra.support.Http;
import io.tenantra.support.ServerTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Scans through the API, jobs through the long poll, results back: the whole loop over HTTP. */
@ServerTest
class ScanFlowTest {

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fx;

    @Autowired
    AuditRecorder audit;

    Http http;
    AgentWorld world;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        world = new AgentWorld(http, fx);
    }

    private Http.Response scan(String token, Object body) {
        return http.postJson(world.base() + "/scans", token, body);
    }

    private static JsonNode onlyJob(Http.Response poll) {
        assertThat(poll.status()).as(poll.body()).isEqualTo(200);
        assertThat(poll.json().get("jobs")).hasSize(1);
        return poll.json().get("jobs").get(0);
    }

    @Test
    void aScanRunsOnTheSelectedAgentsAndReportsPerModuleOutcomes() {
        TestAgent linux = world.agent("linux", Map.of());
        TestAgent windows = world.agent("windows", Map.of());
        Http.Response created = scan(
                world.adminToken, Map.of("modules", List.of("system", "packages"), "selector", Map.of("os", "linux")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String scanId = created.json().get("id").asString();
        assertThat(created.json().get("status").asString()).isEqualTo("queued");
        assertThat(created.json().get("progress").get("total").asInt()).isEqualTo(1);
        assertThat(created.json().get("progress").get("queued").asInt()).isEqualTo(1);
        assertThat(audit.find("scan.create", scanId)).hasSize(1);

        assertThat(windows.poll(0).json().get("jobs")).isEmpty();
        JsonNode job = onlyJob(linux.poll(0));
        UUID jobId = UUID.fromString(job.get("id").asString());
        assertThat(job.get("scanId").asString()).isEqualTo(scanId);
        assertThat(job.get("attempt").asInt()).isEqualTo(1);
        assertThat(job.get("modules").valueStream().map(JsonNode::asString)).containsExactly("system", "packages");
        assertThat(linux.poll(0).json().get("jobs"))
                .as("leased jobs are not handed out twice")
                .isEmpty();

        assertThat(linux.running(jobId).status()).isEqualTo(204);
        JsonNode running =
                http.get(world.base() + "/scans/" + scanId, world.adminToken).json();
        assertThat(running.get("status").asString()).isEqualTo("running");
        assertThat(running.get("jobs").get("items").get(0).get("status").asString())
                .isEqualTo("running");

        Http.Response receipt =
                linux.upload(jobId, TestAgent.result(jobId, List.of("system", "packages"), "ok", 3), false);
        assertThat(receipt.status()).as(receipt.body()).isEqualTo(200);
        assertThat(receipt.json().get("jobStatus").asString()).isEqualTo("succeeded");
        assertThat(receipt.json().get("duplicate").asBoolean()).isFalse();

        JsonNode done =
                http.get(world.base() + "/scans/" + scanId, world.adminToken).json();
        assertThat(done.get("status").asString()).isEqualTo("completed");
        assertThat(done.get("progress").get("succeeded").asInt()).isEqualTo(1);
        assertThat(done.get("progress").get("percent").asInt()).isEqualTo(100);
        assertThat(done.get("finishedAt").isNull()).isFalse();
        JsonNode jobView = done.get("jobs").get("items").get(0);
        assertThat(jobView.get("agentId").asString()).isEqualTo(linux.id.toString());
        assertThat(jobView.get("status").asString()).isEqualTo("succeeded");
        assertThat(jobView.get("log").valueStream().map(JsonNode::asString))
                .containsExactly("job started", "job finished");
        assertThat(jobView.get("results")).hasSize(2);
        assertThat(jobView.get("results").get(0).get("module").asString()).isEqualTo("packages");
        assertThat(jobView.get("results").get(0).get("status").asString()).isEqualTo("ok");
        assertThat(jobView.get("results").get(0).get("itemCount").asInt()).isEqualTo(3);
        assertThat(jobView.get("results").get(0).get("durationMillis").asLong()).isEqualTo(12);

        for (String action : List.of("scan.job.dispatch", "scan.job.start", "scan.job.result")) {
            assertThat(audit.find(action, jobId)).as(action).hasSize(1);
        }
        JsonNode list = http.get(world.base() + "/scans", world.adminToken).json();
        assertThat(list.get("items").get(0).get("id").asString()).isEqualTo(scanId);
        assertThat(list.get("items").get(0).get("progress").get("succeeded").asInt())
                .isEqualTo(1);
    }

    @Test
    void aParkedLongPollIsWokenByANewScanAndAnIdlePollEndsEmpty() throws Exception {
        TestAgent agent = world.agent();
        Http.Response tooLong = agent.poll(61);
        assertThat(tooLong.status()).as("at most 60 s").isEqualTo(422);
        assertThat(tooLong.json().get("errors").get(0).get("field").asString()).isEqualTo("waitSeconds");
        long started = System.nanoTime();
        assertThat(agent.poll(1).json().get("jobs")).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(900));

        CompletableFuture<Http.Response> parked = CompletableFuture.supplyAsync(() -> agent.poll(25));
        Thread.sleep(1000); // let it park
        assertThat(parked).isNotDone();
        Http.Response created =
                scan(world.adminToken, Map.of("selector", Map.of("agentIds", List.of(agent.id.toString()))));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode job = onlyJob(parked.get(10, TimeUnit.SECONDS));
        assertThat(job.get("scanId").asString())
                .isEqualTo(created.json().get("id").asString());
        // No module list given: the agent's configured modules run.
        assertThat(job.get("modules")).hasSizeGreaterThan(1);
    }

    @Test
    void selectorsPickByTagAllOrIdsAndBadOnesAreRefused() {
        TestAgent web = world.agent("linux", Map.of("role", "web"));
        world.agent("linux", Map.of("role", "db"));
        Http.Response byTag = scan(world.adminToken, Map.of("selector", Map.of("tags", Map.of("role", "web"))));
        assertThat(byTag.json().get("progress").get("total").asInt()).isEqualTo(1);
        assertThat(onlyJob(web.poll(0)).get("scanId").asString())
                .isEqualTo(byTag.json().get("id").asString());
        Http.Response all =
                scan(world.adminToken, Map.of("modules", List.of("users"), "selector", Map.of("all", true)));
        assertThat(all.json().get("progress").get("total").asInt()).isEqualTo(2);
        assertThat(all.json().get("modules").get(0).asString()).isEqualTo("users");

        List<Object> bad = List.of(
                Map.of("selector", Map.of("all", true, "os", "linux")),
                Map.of("selector", Map.of("all", false)),
                Map.of("selector", Map.of()),
                Map.of("modules", List.of("system")),
                Map.of("modules", List.of("telepathy"), "selector", Map.of("all", true)),
                Map.of("modules", List.of("system", "system"), "selector", Map.of("all", true)),
                Map.of("modules", "system", "selector", Map.of("all", true)),
                Map.of("selector", Map.of("os", "beos")),
                Map.of("selector", Map.of("os", "macos")),
                Map.of("selector", Map.of("tags", Map.of("role", "nobody"))),
                Map.of("selector", Map.of("agentIds", List.of(UUID.randomUUID().toString()))),
                Map.of("selector", Map.of("agentIds", List.of("not-a-uuid"))),
                Map.of("selector", Map.of("all", true), "priority", 1));
        for (Object body : bad) {
            Http.Response response = scan(world.adminToken, body);
            assertThat(response.status()).as(body + " -> " + response.body()).isEqualTo(422);
            assertThat(response.json().get("type").asString()).isEqualTo("urn:tenantra:problem:validation-failed");
        }
        assertThat(http.post(world.base() + "/scans", world.adminToken, "application/json", "{")
                        .status())
                .isEqualTo(400);
        assertThat(http.get(world.base() + "/scans", world.adminToken).json().get("items"))
                .hasSize(2);
    }

    @Test
    void aCancelledScanEndsItsJobsAndRefusesLateResults() {
        TestAgent agent = world.agent();
        String scanId = scan(world.adminToken, Map.of("modules", List.of("system"), "selector", Map.of("all", true)))
                .json()
                .get("id")
                .asString();
        UUID jobId = UUID.fromString(onlyJob(agent.poll(0)).get("id").asString());
        Http.Response cancelled = http.post(world.base() + "/scans/" + scanId + "/cancel", world.adminToken, null, "");
        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
        assertThat(cancelled.json().get("status").asString()).isEqualTo("cancelled");
        assertThat(cancelled.json().get("progress").get("cancelled").asInt()).isEqualTo(1);
        assertThat(audit.find("scan.cancel", scanId)).hasSize(1);
        Http.Response again = http.post(world.base() + "/scans/" + scanId + "/cancel", world.adminToken, null, "");
        assertThat(again.status()).isEqualTo(409);

        Http.Response late = agent.upload(jobId, TestAgent.result(jobId, List.of("system"), "ok", 1), false);
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.json().get("type").asString()).isEqualTo("urn:tenantra:problem:conflict");
        assertThat(agent.running(jobId).status()).isEqualTo(409);
    }

    @Test
    void permissionsAndTenantsAreEnforced() {
        TestAgent agent = world.agent();
        Map<String, Object> body = Map.of("selector", Map.of("all", true));
        String analyst = http.login(fx.user(world.tenantId, "ANALYST"), Fixtures.PASSWORD);
        Http.Response byAnalyst = scan(analyst, body);
        assertThat(byAnalyst.status()).isEqualTo(201);
        String scanPath = world.base() + "/scans/" + byAnalyst.json().get("id").asString();

        String readonly = http.login(fx.user(world.tenantId, "READONLY"), Fixtures.PASSWORD);
        assertThat(scan(readonly, body).status()).isEqualTo(403);
        assertThat(http.post(scanPath + "/cancel", readonly, null, "").status()).isEqualTo(403);
        assertThat(http.get(scanPath, readonly).status()).isEqualTo(200);
        assertThat(http.get(scanPath + "/export.csv", readonly).status()).isEqualTo(200);
        assertThat(scan(null, body).status()).isEqualTo(401);
        assertThat(http.get(scanPath, null).status()).isEqualTo(401);

        AgentWorld other = new AgentWorld(http, fx);
        assertThat(http.get(scanPath, other.adminToken).status()).isEqualTo(404);
        assertThat(http.get(scanPath + "/export.csv", other.adminToken).status())
                .isEqualTo(404);
        assertThat(http.post(scanPath + "/cancel", other.adminToken, null, "").status())
                .isEqualTo(404);
        assertThat(http.postJson(
                                other.base() + "/scans",
                                other.adminToken,
                                Map.of("selector", Map.of("agentIds", List.of(agent.id.toString()))))
                        .status())
                .as("another tenant's agent cannot be selected")
                .isEqualTo(422);
        assertThat(http.get(world.base() + "/scans/" + UUID.randomUUID(), world.adminToken)
                        .status())
                .isEqualTo(404);
        assertThat(http.get(world.base() + "/scans?limit=501", world.adminToken).status())
                .isEqualTo(422);
    }
}
