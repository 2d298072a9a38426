package io.tenantra.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tenantra.database.TenantTransactions;
import io.tenantra.platform.context.TenantScope;
import io.tenantra.support.AuditRecorder;
import io.tenantra.support.Fixtures;
import io.tenantra.support.Http;
import io.tenantra.support.ServerTest;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Heartbeats are coalesced in memory; missed ones turn an agent offline, with an event. */
@ServerTest
class HeartbeatTest {

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fx;

    @Autowired
    AuditRecorder audit;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TenantTransactions tx;

    @Autowired
    HeartbeatRecorder recorder;

    @Autowired
    OfflineDetector detector;

    @Autowired
    OfflineEvents offline;

    Http http;
    AgentWorld world;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        world = new AgentWorld(http, fx);
    }

    private Instant storedLastSeen(TestAgent agent) {
        return tx.read(
                        TenantScope.of(world.tenantId),
                        () -> jdbc.sql("SELECT last_seen_at FROM agent WHERE tenant_id = ? AND id = ?")
                                .params(world.tenantId, agent.id)
                                .query(Timestamp.class)
                                .single())
                .toInstant();
    }

    private void setLastSeen(TestAgent agent, Instant at) {
        tx.write(
                TenantScope.of(world.tenantId),
                () -> jdbc.sql("UPDATE agent SET last_seen_at = ? WHERE tenant_id = ? AND id = ?")
                        .params(Timestamp.from(at), world.tenantId, agent.id)
                        .update());
    }

    @Test
    void heartbeatsAreWrittenOnlyByTheFlushOncePerAgent() {
        TestAgent agent = world.agent();
        Instant enrolled = storedLastSeen(agent);
        for (int i = 0; i < 5; i++) {
            assertThat(agent.heartbeat().status()).isEqualTo(200);
        }
        // Nothing written yet: five heartbeats cost no database write.
        assertThat(storedLastSeen(agent)).isEqualTo(enrolled);
        Instant pending = recorder.pendingLastSeen(agent.id);
        assertThat(pending).isAfterOrEqualTo(enrolled);
        // The API already shows the pending value.
        assertThat(Instant.parse(http.get(world.base() + "/agents/" + agent.id, world.adminToken)
                        .json()
                        .get("lastSeenAt")
                        .asString()))
                .isEqualTo(pending);

        recorder.flush();
        // PostgreSQL keeps microseconds.
        assertThat(storedLastSeen(agent)).isCloseTo(pending, within(1, ChronoUnit.MILLIS));
        assertThat(recorder.pendingLastSeen(agent.id)).isNull();
    }

    @Test
    void threeMissedHeartbeatsMakeAnAgentOfflineUntilItIsBack() {
        TestAgent agent = world.agent();
        TestAgent alive = world.agent();
        setLastSeen(agent, Instant.now().minusSeconds(3 * 60 + 20));
        setLastSeen(alive, Instant.now().minusSeconds(3 * 60 - 20));

        detector.check();

        Map<String, String> status = Map.of(
                "agent",
                        http.get(world.base() + "/agents/" + agent.id, world.adminToken)
                                .json()
                                .get("status")
                                .asString(),
                "alive",
                        http.get(world.base() + "/agents/" + alive.id, world.adminToken)
                                .json()
                                .get("status")
                                .asString());
        assertThat(status).containsEntry("agent", "offline").containsEntry("alive", "online");
        assertThat(offline.seen).filteredOn(e -> e.agentId().equals(agent.id)).hasSize(1);
        assertThat(offline.seen).filteredOn(e -> e.agentId().equals(alive.id)).isEmpty();
        var audited = audit.find("agent.offline", agent.id);
        assertThat(audited).hasSize(1);
        assertThat(audited.get(0).tenantId()).isEqualTo(world.tenantId);

        detector.check(); // already offline: no second event
        assertThat(offline.seen).filteredOn(e -> e.agentId().equals(agent.id)).hasSize(1);
        assertThat(http.get(world.base() + "/agents?status=offline", world.adminToken)
                        .json()
                        .get("items"))
                .hasSize(1);

        assertThat(agent.heartbeat().status()).isEqualTo(200);
        recorder.flush();
        assertThat(http.get(world.base() + "/agents/" + agent.id, world.adminToken)
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("online");
        assertThat(audit.find("agent.online", agent.id)).hasSize(1);
    }
}
