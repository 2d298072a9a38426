package io.tenantra.agents;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.platform.context.Origin;
import io.tenantra.support.Fixtures;
import io.tenantra.support.Http;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.context.ActiveProfiles;

/**
 * The agents module on its own (with the modules it depends on: identity, tenancy, database, and
 * the platform kernel; no console, no audit module): each of its durable events is published by
 * the use case that makes the change and reaches a listener ({@link AgentEventLog}) after commit.
 * The web environment is real because agents enroll and fetch jobs over the signed protocol; the
 * stimuli themselves run on the test's thread, where {@link Scenario} sees the published events.
 */
@ApplicationModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES, webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(Fixtures.class)
class AgentEventsModuleTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fx;

    @Autowired
    AgentEventLog listener;

    @Autowired
    ResultIngestion ingestion;

    @Autowired
    OfflineDetector detector;

    @Autowired
    HeartbeatRecorder heartbeats;

    AgentWorld world;

    @BeforeEach
    void setUp() {
        world = new AgentWorld(new Http(port), fx);
    }

    private UUID scanFor(TestAgent agent) {
        Http.Response created = world.http.postJson(
                world.base() + "/scans",
                world.adminToken,
                Map.of("modules", List.of("system"), "selector", Map.of("agentIds", List.of(agent.id.toString()))));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return UUID.fromString(created.json().get("id").asString());
    }

    private static UUID takeJob(TestAgent agent) {
        Http.Response poll = agent.poll(0);
        assertThat(poll.json().get("jobs")).hasSize(1);
        return UUID.fromString(poll.json().get("jobs").get(0).get("id").asString());
    }

    private AgentPrincipal principal(TestAgent agent) {
        return new AgentPrincipal(agent.id, world.tenantId, "agent " + agent.id, Origin.NONE);
    }

    @Test
    void storingAJobResultPublishesScanJobResultStoredAndAListenerReacts(Scenario scenario) {
        TestAgent agent = world.agent();
        UUID scanId = scanFor(agent);
        UUID jobId = takeJob(agent);
        byte[] result = TestAgent.result(jobId, List.of("system"), "ok", 2);

        scenario.stimulate(() -> ingestion.accept(principal(agent), jobId, result, "application/json", null))
                .andWaitAtMost(WAIT)
                .andWaitForStateChange(() -> listener.stored(jobId), list -> !list.isEmpty())
                .andVerify(list -> {
                    assertThat(list).as("published once").hasSize(1);
                    ScanJobResultStored e = list.get(0);
                    assertThat(e.tenantId()).isEqualTo(world.tenantId);
                    assertThat(e.scanId()).isEqualTo(scanId);
                    assertThat(e.agentId()).isEqualTo(agent.id);
                    assertThat(e.status()).isEqualTo("succeeded");
                    assertThat(e.modules()).containsExactly("system");
                    assertThat(e.storedAt()).isNotNull();
                });
    }

    @Test
    void theLastJobOfAScanPublishesScanFinishedAndAListenerReacts(Scenario scenario) {
        TestAgent agent = world.agent();
        UUID scanId = scanFor(agent);
        UUID jobId = takeJob(agent);
        byte[] result = TestAgent.result(jobId, List.of("system"), "error", 0);

        scenario.stimulate(() -> ingestion.accept(principal(agent), jobId, result, "application/json", null))
                .andWaitAtMost(WAIT)
                .andWaitForStateChange(() -> listener.finished(scanId), list -> !list.isEmpty())
                .andVerify(list -> {
                    assertThat(list).hasSize(1);
                    ScanFinished finished = list.get(0);
                    assertThat(finished.tenantId()).isEqualTo(world.tenantId);
                    assertThat(finished.status()).isEqualTo("completed");
                    assertThat(finished.progress().total()).isEqualTo(1);
                    assertThat(finished.progress().failed()).isEqualTo(1);
                    assertThat(finished.finishedAt()).isNotNull();
                });
    }

    @Test
    void anAgentGoingOfflineAndComingBackReachesAListener(Scenario scenario) {
        TestAgent agent = world.agent();
        // PostgreSQL keeps microseconds: so must the instants compared with what it returns.
        Instant later = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.MICROS);

        scenario.stimulate(() -> detector.markOffline(world.tenantId, List.of(agent.id), later, 0))
                .andWaitAtMost(WAIT)
                .andWaitForEventOfType(AgentWentOffline.class)
                .matching(e -> e.agentId().equals(agent.id))
                .toArriveAndVerify(e -> assertThat(e.detectedAt()).isEqualTo(later));
        assertThat(listener.cameBack(agent.id)).isEmpty();

        Instant heartbeat = later.plusSeconds(5);
        scenario.stimulate(() -> {
                    heartbeats.record(principal(agent), heartbeat, "0.1.0-test");
                    heartbeats.flush();
                })
                .andWaitAtMost(WAIT)
                .andWaitForStateChange(() -> listener.cameBack(agent.id), list -> !list.isEmpty())
                .andVerify(list -> {
                    assertThat(list).hasSize(1);
                    AgentCameBack back = list.get(0);
                    assertThat(back.tenantId()).isEqualTo(world.tenantId);
                    assertThat(back.offlineSince()).isEqualTo(later);
                    assertThat(back.at()).isEqualTo(heartbeat);
                });
        assertThat(listener.wentOffline(agent.id)).hasSize(1);
    }
}
