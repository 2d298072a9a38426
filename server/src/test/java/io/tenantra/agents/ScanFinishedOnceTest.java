package io.tenantra.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tenantra.support.Fixtures;
import io.tenantra.support.Http;
import io.tenantra.support.ServerTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@link ScanFinished} is published exactly once per scan, by whichever transaction ends its last
 * open job: concurrent uploads, a cancel, a timeout or a revocation. Also: a repeated identical
 * upload publishes no second {@link ScanJobResultStored}.
 */
@ServerTest
class ScanFinishedOnceTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fx;

    @Autowired
    AgentEventLog listener;

    @Autowired
    JobSweeper sweeper;

    @Autowired
    JdbcClient jdbc;

    Http http;
    AgentWorld world;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        world = new AgentWorld(http, fx);
    }

    private UUID scan(List<TestAgent> agents) {
        Http.Response created = http.postJson(
                world.base() + "/scans",
                world.adminToken,
                Map.of(
                        "modules",
                        List.of("system"),
                        "selector",
                        Map.of(
                                "agentIds",
                                agents.stream().map(a -> a.id.toString()).toList())));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return UUID.fromString(created.json().get("id").asString());
    }

    private static UUID takeJob(TestAgent agent) {
        Http.Response poll = agent.poll(0);
        assertThat(poll.json().get("jobs")).as(poll.body()).hasSize(1);
        return UUID.fromString(poll.json().get("jobs").get(0).get("id").asString());
    }

    /** Events of {@code type} about {@code id} published (each is stored once per listener, so distinct). */
    private int publications(Class<?> type, UUID id) {
        return jdbc.sql("SELECT count(DISTINCT serialized_event) FROM event_publication"
                        + " WHERE event_type = ? AND serialized_event LIKE ?")
                .params(type.getName(), "%" + id + "%")
                .query(Integer.class)
                .single();
    }

    /** Waits for the scan's ScanFinished, then a little longer in case a second one were coming. */
    private ScanFinished theOnlyFinished(UUID scanId) throws InterruptedException {
        await().atMost(WAIT).until(() -> !listener.finished(scanId).isEmpty());
        Thread.sleep(500);
        assertThat(listener.finished(scanId)).hasSize(1);
        assertThat(publications(ScanFinished.class, scanId)).isEqualTo(1);
        return listener.finished(scanId).get(0);
    }

    @Test
    void concurrentUploadsOfTheLastJobsFinishTheScanExactlyOnce() throws Exception {
        int n = 6;
        List<TestAgent> agents = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            agents.add(world.agent());
        }
        UUID scanId = scan(agents);
        List<UUID> jobs = agents.stream().map(ScanFinishedOnceTest::takeJob).toList();

        CyclicBarrier start = new CyclicBarrier(n);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<CompletableFuture<Http.Response>> uploads = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                TestAgent agent = agents.get(i);
                UUID jobId = jobs.get(i);
                byte[] body = TestAgent.result(jobId, List.of("system"), "ok", 1);
                uploads.add(CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                start.await(10, TimeUnit.SECONDS);
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                            return agent.upload(jobId, body, false);
                        },
                        pool));
            }
            for (CompletableFuture<Http.Response> upload : uploads) {
                Http.Response response = upload.get(30, TimeUnit.SECONDS);
                assertThat(response.status()).as(response.body()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }

        ScanFinished finished = theOnlyFinished(scanId);
        assertThat(finished.status()).isEqualTo("completed");
        assertThat(finished.progress().total()).isEqualTo(n);
        assertThat(finished.progress().succeeded()).isEqualTo(n);
        for (UUID jobId : jobs) {
            await().atMost(WAIT).until(() -> listener.stored(jobId).size() == 1);
        }
    }

    @Test
    void anIdenticalUploadAgainPublishesNothingNew() throws Exception {
        TestAgent agent = world.agent();
        UUID scanId = scan(List.of(agent));
        UUID jobId = takeJob(agent);
        byte[] body = TestAgent.result(jobId, List.of("system"), "ok", 1);
        assertThat(agent.upload(jobId, body, false).json().get("duplicate").asBoolean())
                .isFalse();
        assertThat(agent.upload(jobId, body, false).json().get("duplicate").asBoolean())
                .isTrue();

        theOnlyFinished(scanId);
        assertThat(listener.stored(jobId)).hasSize(1);
        assertThat(publications(ScanJobResultStored.class, jobId)).isEqualTo(1);
    }

    @Test
    void cancellingTheRestFinishesTheScanOnceAsCancelled() throws Exception {
        TestAgent done = world.agent();
        TestAgent pending = world.agent();
        UUID scanId = scan(List.of(done, pending));
        UUID jobId = takeJob(done);
        assertThat(done.upload(jobId, TestAgent.result(jobId, List.of("system"), "ok", 1), false)
                        .status())
                .isEqualTo(200);
        Thread.sleep(300);
        assertThat(listener.finished(scanId)).as("one job still open").isEmpty();

        Http.Response cancelled = http.post(world.base() + "/scans/" + scanId + "/cancel", world.adminToken, null, "");
        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);

        ScanFinished finished = theOnlyFinished(scanId);
        assertThat(finished.status()).isEqualTo("cancelled");
        assertThat(finished.progress().succeeded()).isEqualTo(1);
        assertThat(finished.progress().cancelled()).isEqualTo(1);
        assertThat(http.post(world.base() + "/scans/" + scanId + "/cancel", world.adminToken, null, "")
                        .status())
                .isEqualTo(409);
    }

    @Test
    void aTimeoutOrARevocationEndingTheLastJobFinishesTheScanOnce() throws Exception {
        TestAgent silent = world.agent();
        TestAgent revoked = world.agent();
        UUID scanId = scan(List.of(silent, revoked));
        UUID silentJob = takeJob(silent);

        // Far past the deadline: the sweeper times the dispatched job out; the other job is open.
        sweeper.sweep(world.tenantId, List.of(silentJob), Instant.now().plus(Duration.ofDays(2)));
        Thread.sleep(300);
        assertThat(listener.finished(scanId)).isEmpty();

        Http.Response revoke = http.send(http.request(world.base() + "/agents/" + revoked.id, world.adminToken)
                .DELETE()
                .build());
        assertThat(revoke.status()).as(revoke.body()).isIn(200, 204);

        ScanFinished finished = theOnlyFinished(scanId);
        assertThat(finished.status()).isEqualTo("completed");
        assertThat(finished.progress().timedOut()).isEqualTo(1);
        assertThat(finished.progress().cancelled()).isEqualTo(1);
    }
}
