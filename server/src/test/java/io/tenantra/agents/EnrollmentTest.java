package io.tenantra.agents;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.database.TenantTransactions;
import io.tenantra.platform.audit.AuditEvent;
import io.tenantra.platform.context.TenantScope;
import io.tenantra.support.AuditRecorder;
import io.tenantra.support.Fixtures;
import io.tenantra.support.Http;
import io.tenantra.support.ServerTest;
import io.tenantra.tenancy.TenantHierarchy;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** POST /api/v1/agent/enroll: a token and a public key become an agent, or a precise refusal. */
@ServerTest
class EnrollmentTest {

    private static final String BAD_TOKEN = "urn:tenantra:problem:unauthenticated";

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

    @BeforeEach
    void setUp() {
        http = new Http(port);
        world = new AgentWorld(http, fx);
    }

    @Test
    void aValidTokenEnrollsAnAgentWithTheTokensTagsOverItsOwn() {
        String token = world.token(null, null, Map.of("site", "lyon", "env", "prod"));
        TestAgent agent = new TestAgent(http);
        Http.Response response = agent.enrollRaw(token, "web-01", "linux", Map.of("env", "dev", "role", "web"));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        JsonNode body = response.json();
        UUID agentId = UUID.fromString(body.get("agentId").asString());
        assertThat(body.get("tenantId").asString()).isEqualTo(world.tenantId.toString());
        assertThat(body.get("name").asString()).isEqualTo("web-01");
        assertThat(body.get("config").get("heartbeatSeconds").asInt()).isEqualTo(60);
        assertThat(body.get("config").get("modules")).isNotEmpty();
        assertThat(body.get("configEtag").asString()).startsWith("\"");

        JsonNode listed =
                http.get(world.base() + "/agents/" + agentId, world.adminToken).json();
        assertThat(listed.get("tags").get("env").asString()).isEqualTo("prod");
        assertThat(listed.get("tags").get("role").asString()).isEqualTo("web");
        assertThat(listed.get("tags").get("site").asString()).isEqualTo("lyon");
        assertThat(listed.get("osFamily").asString()).isEqualTo("linux");
        assertThat(listed.get("status").asString()).isEqualTo("online");
        assertThat(listed.get("ipAddresses").get(0).asString()).isEqualTo("10.0.0.5");

        var enrolled = audit.find("agent.enroll", agentId);
        assertThat(enrolled).hasSize(1);
        assertThat(enrolled.get(0).actor().kind()).isEqualTo(io.tenantra.platform.audit.Actor.Kind.AGENT);
        assertThat(enrolled.get(0).changes()).containsEntry("hostname", "web-01");
        assertThat(enrolled.get(0).changes().toString()).doesNotContain(token.substring(token.lastIndexOf('.') + 1));
    }

    @Test
    void unknownMalformedAndWrongSecretTokensAreRefusedAlike() {
        String good = world.token(null, null, Map.of());
        String wrongSecret =
                good.substring(0, good.lastIndexOf('.') + 1) + "AAAA" + good.substring(good.lastIndexOf('.') + 5);
        String unknownId = "et1." + world.tenantId + "." + UUID.randomUUID() + ".c2VjcmV0";
        String unknownTenant = "et1." + UUID.randomUUID() + "." + UUID.randomUUID() + ".c2VjcmV0";
        String detail = null;
        for (String token : new String[] {"nonsense", wrongSecret, unknownId, unknownTenant, "et1.a.b.c"}) {
            Http.Response response = new TestAgent(http).enrollRaw(token, "h", "linux", Map.of());
            assertThat(response.status()).as(token).isEqualTo(401);
            assertThat(response.json().get("type").asString()).isEqualTo(BAD_TOKEN);
            detail = detail == null ? response.json().get("detail").asString() : detail;
            assertThat(response.json().get("detail").asString()).isEqualTo(detail);
        }
        UUID tokenId = UUID.fromString(good.split("\\.")[2]);
        var failures = audit.find("agent.enroll", tokenId);
        assertThat(failures).hasSize(1);
        assertThat(failures.get(0).outcome()).isEqualTo(AuditEvent.Outcome.FAILURE);
        assertThat(failures.get(0).changes()).containsEntry("reason", "wrong_secret");
    }

    @Test
    void anExhaustedTokenIsRefused() {
        String token = world.token(1, null, Map.of());
        assertThat(new TestAgent(http).enrollRaw(token, "a", "linux", Map.of()).status())
                .isEqualTo(201);
        Http.Response second = new TestAgent(http).enrollRaw(token, "b", "linux", Map.of());
        assertThat(second.status()).isEqualTo(401);
        assertThat(second.json().get("type").asString()).isEqualTo(BAD_TOKEN);
        UUID tokenId = UUID.fromString(token.split("\\.")[2]);
        assertThat(audit.find("agent.enroll", tokenId).get(0).changes()).containsEntry("reason", "exhausted");
        JsonNode read = http.get(world.base() + "/enrollment-tokens/" + tokenId, world.adminToken)
                .json();
        assertThat(read.get("uses").asInt()).isEqualTo(1);
        assertThat(read.get("status").asString()).isEqualTo("exhausted");
    }

    @Test
    void anExpiredTokenIsRefused() {
        String token = world.token(null, Instant.now().plusSeconds(3600), Map.of());
        UUID tokenId = UUID.fromString(token.split("\\.")[2]);
        // Expire it (the clock cannot be moved from here): the stored expiry is what counts.
        tx.write(
                TenantScope.of(world.tenantId),
                () -> jdbc.sql(
                                "UPDATE enrollment_token SET expires_at = now() - interval '1 second' WHERE tenant_id = ? AND id = ?")
                        .params(world.tenantId, tokenId)
                        .update());
        Http.Response response = new TestAgent(http).enrollRaw(token, "a", "linux", Map.of());
        assertThat(response.status()).isEqualTo(401);
        assertThat(audit.find("agent.enroll", tokenId).get(0).changes()).containsEntry("reason", "expired");
    }

    @Test
    void aRevokedTokenIsRefused() {
        Http.Response created = world.createToken(Map.of("name", Fixtures.unique("t")));
        String token = created.json().get("token").asString();
        String id = created.json().get("id").asString();
        http.send(http.request(world.base() + "/enrollment-tokens/" + id, world.adminToken)
                .DELETE()
                .build());
        Http.Response response = new TestAgent(http).enrollRaw(token, "a", "linux", Map.of());
        assertThat(response.status()).isEqualTo(401);
        assertThat(audit.find("agent.enroll", id).get(0).changes()).containsEntry("reason", "revoked");
    }

    @Test
    void aSuspendedTenantAcceptsNoNewAgents() {
        String token = world.token(null, null, Map.of());
        tx.write(
                TenantScope.of(world.tenantId),
                () -> jdbc.sql("UPDATE tenant SET status = 'SUSPENDED' WHERE id = ?")
                        .param(world.tenantId)
                        .update());
        hierarchy.invalidate();
        Http.Response response = new TestAgent(http).enrollRaw(token, "a", "linux", Map.of());
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.json().get("type").asString()).isEqualTo("urn:tenantra:problem:forbidden");
    }

    @Test
    void malformedEnrollmentsAreValidationErrorsNotAuthFailures() {
        String token = world.token(null, null, Map.of());
        TestAgent agent = new TestAgent(http);
        Map<String, Object> noKey = new java.util.HashMap<>(agent.enrollment(token, "h", "linux", Map.of()));
        noKey.put("publicKey", "bm90IGEga2V5");
        assertInvalid(http.postJson("/api/v1/agent/enroll", null, noKey), "publicKey");
        Map<String, Object> noHost = new java.util.HashMap<>(agent.enrollment(token, "h", "linux", Map.of()));
        noHost.remove("host");
        assertInvalid(http.postJson("/api/v1/agent/enroll", null, noHost), "host");
        assertInvalid(
                http.postJson("/api/v1/agent/enroll", null, agent.enrollment(token, "h", "solaris", Map.of())), "host");
        Map<String, Object> extra = new java.util.HashMap<>(agent.enrollment(token, "h", "linux", Map.of()));
        extra.put("admin", true);
        assertInvalid(http.postJson("/api/v1/agent/enroll", null, extra), "admin");
        assertInvalid(
                http.postJson(
                        "/api/v1/agent/enroll", null, agent.enrollment(token, "h", "linux", Map.of("bad key", "v"))),
                "tags");
        assertInvalid(http.postJson("/api/v1/agent/enroll", null, Map.of()), "token");
        // None of them used the token up.
        JsonNode read = http.get(world.base() + "/enrollment-tokens/" + token.split("\\.")[2], world.adminToken)
                .json();
        assertThat(read.get("uses").asInt()).isZero();
    }

    private static void assertInvalid(Http.Response response, String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(422);
        assertThat(response.json().get("errors").get(0).get("field").asString()).startsWith(field);
    }
}
