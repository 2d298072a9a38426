package io.tenantra.agents;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.database.TenantTransactions;
import io.tenantra.model.AgentProtocol;
import io.tenantra.platform.context.TenantScope;
import io.tenantra.support.AuditRecorder;
import io.tenantra.support.Fixtures;
import io.tenantra.support.Http;
import io.tenantra.support.ServerTest;
import io.tenantra.tenancy.TenantHierarchy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Every agent request is signed; each way of getting that wrong is refused with 401. */
@ServerTest
class AgentAuthenticationTest {

    private static final String HEARTBEAT = "/api/v1/agent/heartbeat";
    private static final byte[] BODY = "{\"agentVersion\":\"1\",\"spooledResults\":0}".getBytes(StandardCharsets.UTF_8);

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
    TenantHierarchy hierarchy;

    Http http;
    AgentWorld world;
    TestAgent agent;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        world = new AgentWorld(http, fx);
        agent = world.agent();
    }

    private Http.Response heartbeatWith(String token) {
        return http.send(agent.request("POST", HEARTBEAT, BODY, token).build());
    }

    private static long now() {
        return Instant.now().getEpochSecond();
    }

    private static void assertUnauthenticated(Http.Response response, String detailPart) {
        assertThat(response.status()).as(response.body()).isEqualTo(401);
        assertThat(response.json().get("type").asString()).isEqualTo("urn:tenantra:problem:unauthenticated");
        assertThat(response.json().get("detail").asString()).contains(detailPart);
        assertThat(response.header("WWW-Authenticate")).isEqualTo("Agent");
    }

    @Test
    void aProperlySignedHeartbeatIsAccepted() {
        Http.Response response = agent.heartbeat();
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().get("configEtag").asString()).startsWith("\"");
        assertThat(response.json().get("heartbeatSeconds").asInt()).isEqualTo(60);
    }

    @Test
    void anUnsignedRequestIsRefused() {
        assertUnauthenticated(heartbeatWith(null), "signed agent token");
        assertUnauthenticated(heartbeatWith("not.a-token"), "malformed");
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRefused() {
        String forged = agent.token(
                "POST", HEARTBEAT, BODY, now(), now() + 60, UUID.randomUUID().toString(), TestAgent.newKeys());
        assertUnauthenticated(heartbeatWith(forged), "signature");
    }

    @Test
    void anExpiredTokenIsRefused() {
        String expired = agent.token(
                "POST",
                HEARTBEAT,
                BODY,
                now() - 120,
                now() - 60,
                UUID.randomUUID().toString(),
                agent.keys);
        assertUnauthenticated(heartbeatWith(expired), "expired");
    }

    @Test
    void aTokenLivingTooLongOrIssuedInTheFutureIsRefused() {
        String longLived = agent.token(
                "POST", HEARTBEAT, BODY, now(), now() + 3600, UUID.randomUUID().toString(), agent.keys);
        assertUnauthenticated(heartbeatWith(longLived), "lifetime");
        String future = agent.token(
                "POST",
                HEARTBEAT,
                BODY,
                now() + 600,
                now() + 660,
                UUID.randomUUID().toString(),
                agent.keys);
        assertUnauthenticated(heartbeatWith(future), "future");
    }

    @Test
    void aReplayedTokenIsRefusedAndAudited() {
        String token = agent.token(
                "POST", HEARTBEAT, BODY, now(), now() + 60, UUID.randomUUID().toString(), agent.keys);
        assertThat(heartbeatWith(token).status()).isEqualTo(200);
        assertUnauthenticated(heartbeatWith(token), "already used");
        var denied = audit.find("agent.request.denied", agent.id);
        assertThat(denied).hasSize(1);
        assertThat(denied.get(0).changes()).containsEntry("reason", "replay");
    }

    @Test
    void aTokenSignedForAnotherRequestIsRefused() {
        byte[] other = "{\"agentVersion\":\"2\",\"spooledResults\":0}".getBytes(StandardCharsets.UTF_8);
        String forOtherBody = agent.token(
                "POST", HEARTBEAT, other, now(), now() + 60, UUID.randomUUID().toString(), agent.keys);
        assertUnauthenticated(heartbeatWith(forOtherBody), "different request");
        String forOtherPath = agent.token(
                "POST",
                "/api/v1/agent/heartbeat?x=1",
                BODY,
                now(),
                now() + 60,
                UUID.randomUUID().toString(),
                agent.keys);
        assertUnauthenticated(heartbeatWith(forOtherPath), "different request");
    }

    @Test
    void aRevokedAgentIsRefusedAtOnce() {
        assertThat(agent.heartbeat().status()).isEqualTo(200);
        var delete = http.request(world.base() + "/agents/" + agent.id, world.adminToken)
                .DELETE()
                .build();
        assertThat(http.send(delete).status()).isEqualTo(204);
        assertUnauthenticated(agent.heartbeat(), "revoked");
        assertThat(audit.find("agent.request.denied", agent.id).get(0).changes())
                .containsEntry("reason", "revoked");
    }

    @Test
    void anAgentOfASuspendedTenantIsRefused() {
        tx.write(
                TenantScope.of(world.tenantId),
                () -> jdbc.sql("UPDATE tenant SET status = 'SUSPENDED' WHERE id = ?")
                        .param(world.tenantId)
                        .update());
        hierarchy.invalidate();
        assertUnauthenticated(agent.heartbeat(), "suspended");
    }

    @Test
    void userTokensDoNotWorkOnAgentPathsNorAgentTokensOnUserPaths() {
        Http.Response userOnAgentPath = http.send(http.request(HEARTBEAT, world.adminToken)
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(BODY))
                .build());
        assertThat(userOnAgentPath.status()).isEqualTo(401);
        String path = world.base() + "/agents";
        Http.Response agentOnUserPath =
                http.send(agent.request("GET", path, new byte[0], agent.token("GET", path, new byte[0]))
                        .build());
        assertThat(agentOnUserPath.status()).isEqualTo(401);
    }

    @Test
    void anIncompatibleProtocolVersionIsToldToUpgrade() {
        Http.Response response = http.send(agent.request("POST", HEARTBEAT, BODY, agent.token("POST", HEARTBEAT, BODY))
                .setHeader(AgentProtocol.VERSION_HEADER, "2.0")
                .build());
        assertThat(response.status()).isEqualTo(426);
        assertThat(response.json().get("detail").asString()).contains("upgrade");
    }
}
