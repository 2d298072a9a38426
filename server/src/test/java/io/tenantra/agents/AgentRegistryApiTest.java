package io.tenantra.agents;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.support.AuditRecorder;
import io.tenantra.support.Fixtures;
import io.tenantra.support.Http;
import io.tenantra.support.ServerTest;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** /api/v1/tenants/{tenantId}/agents and the agent's own /api/v1/agent/config with its ETag. */
@ServerTest
class AgentRegistryApiTest {

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

    private Http.Response patch(String token, UUID agentId, Object body) {
        return http.send(http.request(world.base() + "/agents/" + agentId, token)
                .header("Content-Type", "application/json")
                .method(
                        "PATCH",
                        HttpRequest.BodyPublishers.ofString(
                                body instanceof String s ? s : TestAgent.JSON.writeValueAsString(body)))
                .build());
    }

    private List<String> names(Http.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json()
                .get("items")
                .valueStream()
                .map(n -> n.get("name").asString())
                .toList();
    }

    @Test
    void listFiltersByStatusOsTagAndName() {
        TestAgent web = world.agent("linux", Map.of("role", "web"));
        TestAgent db = world.agent("windows", Map.of("role", "db"));
        TestAgent gone = world.agent("macos", Map.of("role", "web"));
        http.send(http.request(world.base() + "/agents/" + gone.id, world.adminToken)
                .DELETE()
                .build());
        String webName = http.get(world.base() + "/agents/" + web.id, world.adminToken)
                .json()
                .get("name")
                .asString();

        assertThat(names(http.get(world.base() + "/agents", world.adminToken))).hasSize(3);
        assertThat(names(http.get(world.base() + "/agents?os=windows", world.adminToken)))
                .hasSize(1);
        assertThat(names(http.get(world.base() + "/agents?tag=role=web", world.adminToken)))
                .hasSize(2);
        assertThat(names(http.get(world.base() + "/agents?tag=role=web&status=online", world.adminToken)))
                .containsExactly(webName);
        assertThat(names(http.get(world.base() + "/agents?status=revoked", world.adminToken)))
                .hasSize(1);
        assertThat(names(http.get(world.base() + "/agents?q=" + webName.substring(5), world.adminToken)))
                .containsExactly(webName);
        Http.Response page = http.get(world.base() + "/agents?limit=2", world.adminToken);
        assertThat(names(page)).hasSize(2);
        Http.Response rest = http.get(
                world.base() + "/agents?limit=2&cursor="
                        + page.json().get("nextCursor").asString(),
                world.adminToken);
        assertThat(names(rest)).hasSize(1);
        assertThat(db.id).isNotNull();

        for (String bad : new String[] {"status=sleeping", "os=beos", "tag=novalue", "limit=0", "cursor=Zm9v"}) {
            Http.Response response = http.get(world.base() + "/agents?" + bad, world.adminToken);
            assertThat(response.status()).as(bad).isEqualTo(422);
            assertThat(response.json().get("type").asString()).isEqualTo("urn:tenantra:problem:validation-failed");
        }
    }

    @Test
    void aConfigChangeMovesTheETagAndTheAgentFetchesItOnlyThen() {
        TestAgent agent = world.agent();
        Http.Response read = http.get(world.base() + "/agents/" + agent.id, world.adminToken);
        String etag = read.header("ETag");
        assertThat(etag).isNotBlank().isEqualTo(read.json().get("configEtag").asString());

        Http.Response unchanged = http.send(agent.request(
                        "GET",
                        "/api/v1/agent/config",
                        new byte[0],
                        agent.token("GET", "/api/v1/agent/config", new byte[0]))
                .header("If-None-Match", etag)
                .build());
        assertThat(unchanged.status()).isEqualTo(304);

        Http.Response changed = patch(
                world.adminToken,
                agent.id,
                Map.of(
                        "name",
                        "renamed",
                        "tags",
                        Map.of("team", "ops"),
                        "config",
                        Map.of("modules", List.of("system", "packages"), "heartbeatSeconds", 30)));
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        String newEtag = changed.header("ETag");
        assertThat(newEtag).isNotEqualTo(etag);
        assertThat(changed.json().get("name").asString()).isEqualTo("renamed");
        assertThat(changed.json().get("config").get("heartbeatSeconds").asInt()).isEqualTo(30);
        assertThat(audit.find("agent.update", agent.id)).hasSize(1);

        Http.Response heartbeat = agent.heartbeat();
        assertThat(heartbeat.json().get("configEtag").asString()).isEqualTo(newEtag);
        assertThat(heartbeat.json().get("heartbeatSeconds").asInt()).isEqualTo(30);
        Http.Response fetched = http.send(agent.request(
                        "GET",
                        "/api/v1/agent/config",
                        new byte[0],
                        agent.token("GET", "/api/v1/agent/config", new byte[0]))
                .header("If-None-Match", etag)
                .build());
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.header("ETag")).isEqualTo(newEtag);
        assertThat(fetched.json().get("modules").valueStream().map(JsonNode::asString))
                .containsExactly("system", "packages");
    }

    @Test
    void namesAndTagValuesAreMeasuredInCodePoints() {
        TestAgent agent = world.agent();
        String emoji = "\uD83D\uDDA5"; // one code point, two UTF-16 units
        Http.Response fits = patch(
                world.adminToken,
                agent.id,
                Map.of("name", emoji.repeat(200), "tags", Map.of("site", emoji.repeat(200))));
        assertThat(fits.status()).isEqualTo(200);
        assertThat(fits.json().get("name").asString()).isEqualTo(emoji.repeat(200));
        assertThat(patch(world.adminToken, agent.id, Map.of("name", emoji.repeat(201)))
                        .status())
                .isEqualTo(422);
    }

    @Test
    void invalidChangesAreRefusedWholeAndRevokedAgentsAreFrozen() {
        TestAgent agent = world.agent();
        for (Object bad : List.of(
                Map.of("config", Map.of("modules", List.of("telepathy"))),
                Map.of("config", Map.of("modules", List.of())),
                Map.of("config", Map.of("heartbeatSeconds", 1)),
                Map.of("config", Map.of("pollWaitSeconds", 61)),
                Map.of("config", Map.of("heartbeatSeconds", "often")),
                Map.of("name", ""),
                Map.of("tags", Map.of("", "x")),
                Map.of("colour", "red"))) {
            Http.Response response = patch(world.adminToken, agent.id, bad);
            assertThat(response.status()).as(bad.toString()).isEqualTo(422);
        }
        assertThat(patch(world.adminToken, agent.id, "{\"name\":").status()).isEqualTo(400);
        assertThat(audit.find("agent.update", agent.id)).isEmpty();

        http.send(http.request(world.base() + "/agents/" + agent.id, world.adminToken)
                .DELETE()
                .build());
        assertThat(audit.find("agent.revoke", agent.id)).hasSize(1);
        Http.Response frozen = patch(world.adminToken, agent.id, Map.of("name", "x"));
        assertThat(frozen.status()).isEqualTo(409);
        assertThat(frozen.json().get("type").asString()).isEqualTo("urn:tenantra:problem:conflict");
        JsonNode revoked =
                http.get(world.base() + "/agents/" + agent.id, world.adminToken).json();
        assertThat(revoked.get("status").asString()).isEqualTo("revoked");
        assertThat(revoked.get("revokedAt").isNull()).isFalse();
    }

    @Test
    void permissionsAndTenantsAreEnforced() {
        TestAgent agent = world.agent();
        String path = world.base() + "/agents/" + agent.id;
        String readonly = http.login(fx.user(world.tenantId, "READONLY"), Fixtures.PASSWORD);
        assertThat(http.get(path, readonly).status()).isEqualTo(200);
        Http.Response denied = patch(readonly, agent.id, Map.of("name", "x"));
        assertThat(denied.status()).isEqualTo(403);
        assertThat(http.send(http.request(path, readonly).DELETE().build()).status())
                .isEqualTo(403);
        assertThat(http.get(path, null).status()).isEqualTo(401);

        AgentWorld other = new AgentWorld(http, fx);
        assertThat(http.get(path, other.adminToken).status()).isEqualTo(404);
        assertThat(http.get(other.base() + "/agents/" + agent.id, other.adminToken)
                        .status())
                .isEqualTo(404);
        assertThat(patch(other.adminToken, agent.id, Map.of("name", "x")).status())
                .isEqualTo(404);
        assertThat(http.get(world.base() + "/agents/" + UUID.randomUUID(), world.adminToken)
                        .status())
                .isEqualTo(404);
        assertThat(http.get(world.base() + "/agents/not-a-uuid", world.adminToken)
                        .status())
                .isEqualTo(404);
    }
}
