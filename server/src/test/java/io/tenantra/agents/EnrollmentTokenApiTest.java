package io.tenantra.agents;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.platform.audit.AuditEvent;
import io.tenantra.support.AuditRecorder;
import io.tenantra.support.Fixtures;
import io.tenantra.support.Http;
import io.tenantra.support.ServerTest;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** /api/v1/tenants/{tenantId}/enrollment-tokens: create (shown once), list, get, revoke. */
@ServerTest
class EnrollmentTokenApiTest {

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

    @Test
    void createShowsTheTokenOnceAndAuditsWithoutIt() {
        String name = Fixtures.unique("laptops");
        Http.Response created = world.createToken(Map.of(
                "name",
                name,
                "maxUses",
                5,
                "expiresAt",
                Instant.now().plusSeconds(3600).toString(),
                "tags",
                Map.of("site", "paris")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode body = created.json();
        String token = body.get("token").asString();
        assertThat(token).startsWith("et1." + world.tenantId + ".");
        assertThat(body.get("status").asString()).isEqualTo("active");
        assertThat(body.get("maxUses").asInt()).isEqualTo(5);
        assertThat(body.get("tags").get("site").asString()).isEqualTo("paris");

        Http.Response read =
                http.get(world.base() + "/enrollment-tokens/" + body.get("id").asString(), world.adminToken);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body())
                .doesNotContain(token.substring(token.lastIndexOf('.') + 1))
                .doesNotContain("secret");
        assertThat(read.json().has("token")).isFalse();

        List<AuditEvent> events =
                audit.find("enrollment_token.create", body.get("id").asString());
        assertThat(events).hasSize(1);
        assertThat(events.get(0).tenantId()).isEqualTo(world.tenantId);
        assertThat(events.get(0).outcome()).isEqualTo(AuditEvent.Outcome.SUCCESS);
        assertThat(events.get(0).changes()).containsEntry("name", name).containsEntry("maxUses", 5);
        assertThat(events.get(0).changes().toString()).doesNotContain(token.substring(token.lastIndexOf('.') + 1));
    }

    @Test
    void listPagesNewestFirstWithoutSecrets() {
        for (int i = 0; i < 3; i++) {
            world.token(null, null, Map.of());
        }
        Http.Response first = http.get(world.base() + "/enrollment-tokens?limit=2", world.adminToken);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().get("items")).hasSize(2);
        assertThat(first.body()).doesNotContain("\"token\"").doesNotContain("secretHash");
        String cursor = first.json().get("nextCursor").asString();
        Http.Response second = http.get(world.base() + "/enrollment-tokens?limit=2&cursor=" + cursor, world.adminToken);
        assertThat(second.json().get("items")).hasSize(1);
        assertThat(second.json().get("nextCursor").isNull()).isTrue();
    }

    @Test
    void revokeIsAuditedOnceAndRepeatsQuietly() {
        Http.Response created = world.createToken(Map.of("name", Fixtures.unique("t")));
        String id = created.json().get("id").asString();
        HttpRequest delete = http.request(world.base() + "/enrollment-tokens/" + id, world.adminToken)
                .DELETE()
                .build();
        assertThat(http.send(delete).status()).isEqualTo(204);
        assertThat(http.send(delete).status()).isEqualTo(204);
        assertThat(audit.find("enrollment_token.revoke", id)).hasSize(1);
        Http.Response read = http.get(world.base() + "/enrollment-tokens/" + id, world.adminToken);
        assertThat(read.json().get("status").asString()).isEqualTo("revoked");
        // The name is free again once the old token is revoked.
        assertThat(world.createToken(Map.of("name", created.json().get("name").asString()))
                        .status())
                .isEqualTo(201);
    }

    @Test
    void otherTenantsTokensAreNotFound() {
        AgentWorld other = new AgentWorld(http, fx);
        Http.Response created = other.createToken(Map.of("name", Fixtures.unique("t")));
        String path =
                world.base() + "/enrollment-tokens/" + created.json().get("id").asString();
        assertThat(http.get(path, world.adminToken).status()).isEqualTo(404);
        Http.Response foreignTenant = http.get(other.base() + "/enrollment-tokens", world.adminToken);
        assertThat(foreignTenant.status()).isEqualTo(404);
        assertThat(foreignTenant.json().get("type").asString()).isEqualTo("urn:tenantra:problem:not-found");
        assertThat(http.get(world.base() + "/enrollment-tokens/" + UUID.randomUUID(), world.adminToken)
                        .status())
                .isEqualTo(404);
    }

    @Test
    void readOnlyMayListButNotCreateAndAnonymousIsRefused() {
        String readonly = http.login(fx.user(world.tenantId, "READONLY"), Fixtures.PASSWORD);
        assertThat(http.get(world.base() + "/enrollment-tokens", readonly).status())
                .isEqualTo(200);
        Http.Response denied = http.postJson(world.base() + "/enrollment-tokens", readonly, Map.of("name", "x"));
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.json().get("type").asString()).isEqualTo("urn:tenantra:problem:forbidden");
        Http.Response anonymous = http.postJson(world.base() + "/enrollment-tokens", null, Map.of("name", "x"));
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.json().get("type").asString()).isEqualTo("urn:tenantra:problem:unauthenticated");
    }

    @Test
    void badInputIsRefusedWithTheFieldAndNothingIsCreated() {
        assertInvalid(Map.of("name", " "), "name");
        assertInvalid(Map.of("name", "x", "maxUses", 0), "maxUses");
        assertInvalid(Map.of("name", "x", "maxUses", "many"), "maxUses");
        assertInvalid(
                Map.of("name", "x", "expiresAt", Instant.now().minusSeconds(5).toString()), "expiresAt");
        assertInvalid(Map.of("name", "x", "tags", Map.of("bad key!", "v")), "tags");
        assertInvalid(Map.of("name", "x", "unknown", 1), "unknown");
        Map<String, Object> long200 = new HashMap<>(Map.of("name", "n".repeat(201)));
        assertInvalid(long200, "name");
        Http.Response malformed =
                http.post(world.base() + "/enrollment-tokens", world.adminToken, "application/json", "{\"name\":");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("type").asString()).isEqualTo("urn:tenantra:problem:malformed-body");
        Http.Response listed = http.get(world.base() + "/enrollment-tokens", world.adminToken);
        assertThat(listed.json().get("items")).isEmpty();

        assertThat(http.get(world.base() + "/enrollment-tokens?limit=0", world.adminToken)
                        .status())
                .isEqualTo(422);
        assertThat(http.get(world.base() + "/enrollment-tokens?limit=501", world.adminToken)
                        .status())
                .isEqualTo(422);
        assertThat(http.get(world.base() + "/enrollment-tokens?cursor=%25%25", world.adminToken)
                        .status())
                .isEqualTo(422);
        assertThat(http.get(world.base() + "/enrollment-tokens?cursor=bm90LWEtY3Vyc29y", world.adminToken)
                        .status())
                .isEqualTo(422);
    }

    @Test
    void aLiveNameIsUniqueInItsTenant() {
        String name = Fixtures.unique("dup");
        assertThat(world.createToken(Map.of("name", name)).status()).isEqualTo(201);
        Http.Response duplicate = world.createToken(Map.of("name", name.toUpperCase()));
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.json().get("type").asString()).isEqualTo("urn:tenantra:problem:conflict");
    }

    private void assertInvalid(Map<String, Object> body, String field) {
        Http.Response response = world.createToken(body);
        assertThat(response.status()).as(response.body()).isEqualTo(422);
        assertThat(response.json().get("type").asString()).isEqualTo("urn:tenantra:problem:validation-failed");
        assertThat(response.json().get("errors").get(0).get("field").asString()).startsWith(field);
    }
}
