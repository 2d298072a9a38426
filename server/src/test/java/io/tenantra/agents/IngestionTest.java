package io.tenantra.agents;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.support.AuditRecorder;
import io.tenantra.support.Fixtures;
import io.tenantra.support.Http;
import io.tenantra.support.ServerTest;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * POST /api/v1/agent/jobs/{jobId}/result: gzip, strict format, size limits, idempotency, and
 * that every refusal leaves the job open for a good upload (nothing half-applied).
 */
@ServerTest
class IngestionTest {

    private static final List<String> MODULES = List.of("system", "packages");

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fx;

    @Autowired
    AuditRecorder audit;

    Http http;
    AgentWorld world;
    TestAgent agent;
    UUID scanId;
    UUID jobId;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        world = new AgentWorld(http, fx);
        agent = world.agent();
        Http.Response scan = http.postJson(
                world.base() + "/scans", world.adminToken, Map.of("modules", MODULES, "selector", Map.of("all", true)));
        scanId = UUID.fromString(scan.json().get("id").asString());
        jobId = UUID.fromString(
                agent.poll(0).json().get("jobs").get(0).get("id").asString());
    }

    private String path() {
        return "/api/v1/agent/jobs/" + jobId + "/result";
    }

    private Http.Response raw(byte[] body, String contentType, String encoding) {
        HttpRequest.Builder builder = agent.request("POST", path(), body, agent.token("POST", path(), body))
                .setHeader("Content-Type", contentType);
        if (encoding != null) {
            builder.header("Content-Encoding", encoding);
        }
        return http.send(builder.build());
    }

    private static void assertProblem(Http.Response response, int status, String type) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.json().get("type").asString()).isEqualTo("urn:tenantra:problem:" + type);
    }

    @Test
    void aGzippedResultIsStoredOnceAndItsReplayChangesNothing() {
        byte[] result = TestAgent.result(jobId, MODULES, "ok", 4);
        Http.Response first = agent.upload(jobId, result, true);
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().get("duplicate").asBoolean()).isFalse();

        Http.Response replay = agent.upload(jobId, result, true);
        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.json().get("duplicate").asBoolean()).isTrue();
        assertThat(replay.json().get("jobStatus").asString()).isEqualTo("succeeded");
        assertThat(audit.find("scan.job.result", jobId)).hasSize(1);

        Http.Response different = agent.upload(jobId, TestAgent.result(jobId, MODULES, "ok", 5), false);
        assertProblem(different, 409, "conflict");

        Http.Response csv = http.get(world.base() + "/scans/" + scanId + "/export.csv", world.adminToken);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.get(0)).isEqualTo(ScanExport.HEADER);
        assertThat(lines).hasSize(1 + 2 * 4);
        assertThat(lines.get(1)).startsWith(agent.id + ",").contains(",packages,ok,package,packages-0,");
        assertThat(lines.get(1)).contains("\"{\"\"arch\"\": \"\"amd64\"\", \"\"version\"\": \"\"1.0\"\"}\"");
        assertThat(audit.find("scan.export", scanId)).hasSize(1);
    }

    @Test
    void aModuleErrorFailsTheJobButKeepsItsResult() {
        Http.Response receipt = agent.upload(jobId, TestAgent.result(jobId, MODULES, "error", 0), false);
        assertThat(receipt.json().get("jobStatus").asString()).isEqualTo("failed");
        var scan = http.get(world.base() + "/scans/" + scanId, world.adminToken).json();
        assertThat(scan.get("progress").get("failed").asInt()).isEqualTo(1);
        assertThat(scan.get("jobs")
                        .get("items")
                        .get(0)
                        .get("results")
                        .get(0)
                        .get("status")
                        .asString())
                .isEqualTo("error");
    }

    @Test
    void malformedAndInvalidResultsAreRefusedAndTheJobStaysOpen() {
        String good = new String(TestAgent.result(jobId, MODULES, "ok", 1), StandardCharsets.UTF_8);
        assertProblem(
                raw("{\"jobId\":".getBytes(StandardCharsets.UTF_8), "application/json", null), 400, "malformed-body");
        assertProblem(
                raw(
                        good.replace("\"log\"", "\"extra\":1,\"log\"").getBytes(StandardCharsets.UTF_8),
                        "application/json",
                        null),
                422,
                "validation-failed");
        assertProblem(
                raw(
                        good.replace("\"system\"", "\"telepathy\"").getBytes(StandardCharsets.UTF_8),
                        "application/json",
                        null),
                422,
                "validation-failed");
        assertProblem(
                raw(good.replace("\"ok\"", "\"great\"").getBytes(StandardCharsets.UTF_8), "application/json", null),
                422,
                "validation-failed");
        assertProblem(
                raw(
                        good.replace(jobId.toString(), UUID.randomUUID().toString())
                                .getBytes(StandardCharsets.UTF_8),
                        "application/json",
                        null),
                422,
                "validation-failed");
        assertProblem(
                raw(TestAgent.result(jobId, List.of("system"), "ok", 1), "application/json", null),
                422,
                "validation-failed");
        assertProblem(
                raw(TestAgent.result(jobId, List.of("system", "packages", "users"), "ok", 1), "application/json", null),
                422,
                "validation-failed");
        assertProblem(
                raw(
                        good.replace("\"collected\"", "\"a\\u0000b\"").getBytes(StandardCharsets.UTF_8),
                        "application/json",
                        null),
                422,
                "validation-failed");
        assertProblem(raw(good.getBytes(StandardCharsets.UTF_8), "text/plain", null), 415, "unsupported-media-type");
        assertProblem(
                raw(good.getBytes(StandardCharsets.UTF_8), "application/json", "br"), 415, "unsupported-media-type");
        assertProblem(raw(good.getBytes(StandardCharsets.UTF_8), "application/json", "gzip"), 400, "malformed-body");

        Http.Response accepted = agent.upload(jobId, good.getBytes(StandardCharsets.UTF_8), false);
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        assertThat(accepted.json().get("duplicate").asBoolean()).isFalse();
    }

    @Test
    void oversizedResultsAre413WhetherSentRawDecompressedOrPerModule() {
        // Over the 2 MiB upload limit of the test profile, as sent.
        byte[] huge = TestAgent.result(jobId, MODULES, "ok", 25_000);
        assertThat(huge.length).isGreaterThan(2 * 1024 * 1024);
        assertProblem(raw(huge, "application/json", null), 413, "payload-too-large");
        // Small on the wire, over the 4 MiB limit once decompressed.
        byte[] bomb = TestAgent.gzip(new byte[5 * 1024 * 1024]);
        assertProblem(raw(bomb, "application/json", "gzip"), 413, "payload-too-large");
        // Fits when compressed, but one module exceeds the 1 MiB per-module limit.
        byte[] bigModule = TestAgent.result(jobId, MODULES, "ok", 12_000);
        Http.Response perModule = agent.upload(jobId, bigModule, true);
        assertProblem(perModule, 413, "payload-too-large");
        assertThat(perModule.json().get("detail").asString()).contains("bytes per module");

        assertThat(agent.upload(jobId, TestAgent.result(jobId, MODULES, "ok", 2), true)
                        .status())
                .isEqualTo(200);
    }

    @Test
    void anotherAgentsJobIsNotFoundInTheSameTenantOrAnother() {
        byte[] result = TestAgent.result(jobId, MODULES, "ok", 1);
        TestAgent neighbour = world.agent();
        assertProblem(neighbour.upload(jobId, result, false), 404, "not-found");
        assertProblem(neighbour.running(jobId), 404, "not-found");
        TestAgent stranger = new AgentWorld(http, fx).agent();
        assertProblem(stranger.upload(jobId, result, false), 404, "not-found");
        UUID unknown = UUID.randomUUID();
        assertProblem(stranger.upload(unknown, TestAgent.result(unknown, MODULES, "ok", 1), false), 404, "not-found");
        assertThat(agent.upload(jobId, result, false).status()).isEqualTo(200);
    }
}
