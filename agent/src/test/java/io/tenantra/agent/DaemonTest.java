package io.tenantra.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tenantra.model.JobResult;
import io.tenantra.model.ModuleStatus;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon against a scripted server: heartbeat and config fetch, a job run through the
 * executor, an upload refused once with 503 (the result stays spooled and is retried), and a
 * result spooled by an earlier run uploaded first.
 */
class DaemonTest {

    @TempDir
    Path dir;

    private HttpServer server;
    private final UUID jobId = UUID.randomUUID();
    private final UUID leftOver = UUID.randomUUID();
    private final AtomicInteger heartbeats = new AtomicInteger();
    private final AtomicInteger polls = new AtomicInteger();
    private final AtomicInteger resultAttempts = new AtomicInteger();
    private final Map<UUID, byte[]> accepted = new ConcurrentHashMap<>();
    private final List<String> unsigned = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/agent/", this::handle);
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        String path = exchange.getRequestURI().getPath();
        if (auth == null || !auth.startsWith("Agent ")) {
            unsigned.add(path);
        }
        byte[] body = exchange.getRequestBody().readAllBytes();
        if (path.endsWith("/heartbeat")) {
            heartbeats.incrementAndGet();
            reply(
                    exchange,
                    200,
                    "{\"configEtag\":\"\\\"e2\\\"\",\"heartbeatSeconds\":60,"
                            + "\"serverTime\":\"2026-11-21T10:00:00Z\",\"futureField\":1}");
        } else if (path.endsWith("/config")) {
            exchange.getResponseHeaders().add("ETag", "\"e2\"");
            reply(
                    exchange,
                    200,
                    "{\"modules\":[\"system\"],\"heartbeatSeconds\":60,\"moduleTimeoutSeconds\":5,"
                            + "\"pollWaitSeconds\":1}");
        } else if (path.equals("/api/v1/agent/jobs")) {
            if (polls.incrementAndGet() == 1) {
                reply(
                        exchange,
                        200,
                        "{\"jobs\":[{\"id\":\"" + jobId + "\",\"scanId\":\"" + UUID.randomUUID()
                                + "\",\"modules\":[\"system\",\"packages\"],\"deadline\":\"2030-01-01T00:00:00Z\","
                                + "\"attempt\":1,\"moduleTimeoutSeconds\":5}]}");
            } else {
                sleep(200);
                reply(exchange, 200, "{\"jobs\":[]}");
            }
        } else if (path.endsWith("/running")) {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        } else if (path.endsWith("/result")) {
            UUID id = UUID.fromString(path.split("/")[5]);
            if (id.equals(jobId) && resultAttempts.incrementAndGet() == 1) {
                exchange.getResponseHeaders().add("Retry-After", "0");
                reply(exchange, 503, "{\"detail\":\"busy\"}");
                return;
            }
            assertThat(exchange.getRequestHeaders().getFirst("Content-Encoding"))
                    .isEqualTo("gzip");
            accepted.put(id, new GZIPInputStream(new ByteArrayInputStream(body)).readAllBytes());
            reply(exchange, 200, "{\"jobId\":\"" + id + "\",\"jobStatus\":\"failed\",\"duplicate\":false}");
        } else {
            reply(exchange, 404, "{}");
        }
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void runsAJobUploadsItsResultAndRetriesWhatTheServerCouldNotTake() throws Exception {
        AgentHome home = new AgentHome(dir);
        var keys = AgentKeys.generate();
        home.writePrivateKey(keys.getPrivate().getEncoded());
        var enrollment = new AgentHome.Enrollment(
                UUID.randomUUID(),
                UUID.randomUUID(),
                "http://127.0.0.1:" + server.getAddress().getPort(),
                "t");
        home.saveEnrollment(enrollment);
        new ResultSpool(home.spoolDir()).put(leftOver, "{\"from\":\"the last run\"}".getBytes(StandardCharsets.UTF_8));

        Clock clock = Clock.systemUTC();
        ServerClient client = new ServerClient(
                enrollment.serverUrl(),
                AgentKeys.load(Files.readAllBytes(home.keyFile())),
                enrollment.agentId(),
                clock);
        Daemon daemon = new Daemon(
                home, enrollment, client, new TimeLimitedJobExecutor(TimeLimitedJobExecutor.noModules(), clock), clock);
        Thread running = new Thread(() -> {
            try {
                daemon.run();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        running.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        ResultSpool spool = new ResultSpool(home.spoolDir());
        // Done when the server has both results and the agent has seen the answers (spool empty).
        while (!(accepted.containsKey(jobId)
                        && accepted.containsKey(leftOver)
                        && spool.pending().isEmpty())
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        daemon.stop(Duration.ofSeconds(10));
        running.join(10_000);

        assertThat(running.isAlive()).isFalse();
        assertThat(unsigned).isEmpty();
        assertThat(heartbeats.get()).isGreaterThanOrEqualTo(1);
        assertThat(home.readText("config.etag")).contains("\"e2\"");
        assertThat(new String(accepted.get(leftOver), StandardCharsets.UTF_8)).contains("the last run");
        assertThat(resultAttempts.get()).isEqualTo(2);
        JobResult result = ServerClient.JSON.readValue(accepted.get(jobId), JobResult.class);
        assertThat(result.jobId()).isEqualTo(jobId);
        assertThat(result.results()).hasSize(2);
        assertThat(result.results().get(0).status()).isEqualTo(ModuleStatus.ERROR);
        assertThat(result.results().get(0).messages()).containsExactly("unknown module");
        assertThat(result.log()).anyMatch(line -> line.contains("job " + jobId + " attempt 1 started"));
        assertThat(new ResultSpool(home.spoolDir()).pending()).isEmpty();
    }
}
