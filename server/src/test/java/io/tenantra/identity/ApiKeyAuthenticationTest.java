package io.tenantra.identity;

import static io.tenantra.identity.AccessFixtures.createKey;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.platform.audit.Actor;
import io.tenantra.platform.audit.AuditEvent;
import io.tenantra.support.AuditRecorder;
import io.tenantra.support.Fixtures;
import io.tenantra.support.Http;
import io.tenantra.support.ServerTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** API keys as bearer credentials: what they reach, when they stop working, how use is recorded. */
@ServerTest
class ApiKeyAuthenticationTest {

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fx;

    @Autowired
    AccessFixtures access;

    @Autowired
    AuditRecorder audit;

    Http http;
    UUID parent;
    UUID tenant;
    UUID child;
    UUID sibling;
    String creator;
    String creatorToken;

    @BeforeEach
    void world() {
        http = new Http(port);
        parent = fx.tenant(fx.root(), "auth-parent");
        tenant = fx.tenant(parent, "auth");
        child = fx.tenant(tenant, "auth-child");
        sibling = fx.tenant(parent, "auth-sibling");
        creator = fx.user(tenant, "ADMIN");
        creatorToken = http.login(creator, Fixtures.PASSWORD);
    }

    private record Key(UUID id, String value) {}

    private Key key(UUID on, String... permissions) {
        Map<String, Object> body = permissions.length == 0
                ? Map.of("name", Fixtures.unique("k"))
                : Map.of("name", Fixtures.unique("k"), "permissions", List.of(permissions));
        Http.Response response = createKey(http, creatorToken, on, body);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return new Key(
                UUID.fromString(response.json().get("id").asString()),
                response.json().get("key").asString());
    }

    private String keys(UUID t) {
        return "/api/v1/tenants/" + t + "/api-keys";
    }

    private static void assertUnauthenticated(Http.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(401);
        assertThat(response.json().get("type").asString()).isEqualTo("urn:tenantra:problem:unauthenticated");
        assertThat(response.json().get("detail").asString()).isEqualTo("Missing, invalid or expired credentials.");
    }

    @Test
    void aKeyActsForItsCreatorOnItsTenant() {
        Key key = key(tenant, "API_KEY_READ", "SCAN_READ");
        Http.Response me = http.get("/api/v1/me", key.value());
        assertThat(me.status()).as(me.body()).isEqualTo(200);
        JsonNode body = me.json();
        assertThat(body.get("username").asString()).isEqualTo(creator);
        assertThat(body.get("apiKeyId").asString()).isEqualTo(key.id().toString());
        assertThat(body.get("impersonatedBy").isNull()).isTrue();
        assertThat(body.get("roles").get(0).asString()).isEqualTo("API_KEY");
        assertThat(body.get("permissions").valueStream().map(JsonNode::asString))
                .containsExactlyInAnyOrder("API_KEY_READ", "SCAN_READ");

        Http.Response list = http.get(keys(tenant), key.value());
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        assertThat(list.body()).contains(key.id().toString());
    }

    @Test
    void aKeyReachesItsTenantsSubtreeAndNothingElse() {
        Key key = key(tenant, "API_KEY_READ");
        assertThat(http.get(keys(tenant), key.value()).status()).isEqualTo(200);
        assertThat(http.get(keys(child), key.value()).status()).isEqualTo(200);
        assertThat(http.get(keys(sibling), key.value()).status()).isEqualTo(404);
        assertThat(http.get(keys(parent), key.value()).status()).isEqualTo(404);

        // A key made for the child tenant does not reach up to the tenant that made it.
        Key childKey = key(child, "API_KEY_READ");
        assertThat(http.get(keys(child), childKey.value()).status()).isEqualTo(200);
        assertThat(http.get(keys(tenant), childKey.value()).status()).isEqualTo(404);
        // Its creator lives in the parent tenant: /me still finds their profile.
        assertThat(http.get("/api/v1/me", childKey.value()).status()).isEqualTo(200);
    }

    @Test
    void aKeyOfAThisTenantOnlyCreatorDoesNotReachTheSubtree() {
        String local = fx.user(tenant, "ADMIN", tenant, false);
        String token = http.login(local, Fixtures.PASSWORD);
        Http.Response created = createKey(
                http, token, tenant, Map.of("name", Fixtures.unique("local"), "permissions", List.of("API_KEY_READ")));
        String key = created.json().get("key").asString();
        assertThat(http.get(keys(tenant), key).status()).isEqualTo(200);
        assertThat(http.get(keys(child), key).status()).isEqualTo(404);
    }

    @Test
    void aKeyCannotGoBeyondItsPermissions() {
        Key key = key(tenant, "SCAN_READ");
        Http.Response response = http.get(keys(tenant), key.value());
        assertThat(response.status()).as(response.body()).isEqualTo(403);
        assertThat(response.json().get("type").asString()).isEqualTo("urn:tenantra:problem:forbidden");
        // Keys can never create keys, whatever they hold.
        Http.Response mint = createKey(http, key.value(), tenant, Map.of("name", "child-key"));
        assertThat(mint.status()).isEqualTo(403);
    }

    @Test
    void revokedExpiredUnknownAndMalformedKeysAllGetTheSame401() {
        Key revoked = key(tenant);
        assertThat(http.get("/api/v1/me", revoked.value()).status()).isEqualTo(200);
        assertThat(http.send(http.request(keys(tenant) + "/" + revoked.id(), creatorToken)
                                .DELETE()
                                .build())
                        .status())
                .isEqualTo(204);
        // No waiting: the revoking node forgets the key at once.
        assertUnauthenticated(http.get("/api/v1/me", revoked.value()));

        Key expired = key(tenant);
        assertThat(http.get("/api/v1/me", expired.value()).status()).isEqualTo(200);
        access.expire(tenant, expired.id());
        assertUnauthenticated(http.get("/api/v1/me", expired.value()));

        Key live = key(tenant);
        String wrongSecret = live.value().substring(0, 17) + "A".repeat(43);
        String unknownPrefix = "tnk_aaaaaaaaaaaa_" + live.value().substring(17);
        for (String garbage : List.of(
                wrongSecret,
                unknownPrefix,
                "tnk_",
                "tnk_short_secret",
                live.value() + "x",
                live.value().toUpperCase(),
                "tnk_" + "a".repeat(500))) {
            assertUnauthenticated(http.get("/api/v1/me", garbage));
        }
        assertThat(http.get("/api/v1/me", live.value()).status()).isEqualTo(200);
    }

    @Test
    void aKeyLosesPowerWhenItsCreatorDoes() {
        Key key = key(tenant, "API_KEY_READ", "SCAN_READ");
        assertThat(http.get(keys(tenant), key.value()).status()).isEqualTo(200);

        access.rebind(creator, tenant, "READONLY");
        access.forgetKey(key.id()); // instead of waiting out the few seconds of cache
        assertThat(http.get(keys(tenant), key.value()).status()).isEqualTo(403);
        Http.Response me = http.get("/api/v1/me", key.value());
        assertThat(me.json().get("permissions").valueStream().map(JsonNode::asString))
                .containsExactly("SCAN_READ");

        access.rebind(creator, tenant, "ADMIN");
        access.forgetKey(key.id());
        assertThat(http.get(keys(tenant), key.value()).status()).isEqualTo(200);
    }

    @Test
    void aDeactivatedCreatorOrSuspendedTenantStopsTheKey() {
        Key key = key(tenant);
        assertThat(http.get("/api/v1/me", key.value()).status()).isEqualTo(200);
        access.deactivate(creator);
        assertUnauthenticated(http.get("/api/v1/me", key.value()));

        String otherCreator = fx.user(parent, "MSP_ADMIN");
        String token = http.login(otherCreator, Fixtures.PASSWORD);
        Http.Response childKey = createKey(http, token, child, Map.of("name", Fixtures.unique("c")));
        String value = childKey.json().get("key").asString();
        assertThat(http.get("/api/v1/me", value).status()).isEqualTo(200);
        // The key's own tenant is suspended while the creator's home stays active.
        access.suspend(child);
        assertUnauthenticated(http.get("/api/v1/me", value));
    }

    @Test
    void useIsRecordedAtMostOncePerMinute() {
        Key key = key(tenant, "API_KEY_READ");
        assertThat(access.row(tenant, key.id()).get("last_used_at")).isNull();
        for (int i = 0; i < 3; i++) {
            assertThat(http.get(keys(tenant), key.value()).status()).isEqualTo(200);
        }
        assertThat(access.row(tenant, key.id()).get("last_used_at")).isNotNull();
        JsonNode listed = http.get(keys(tenant) + "/" + key.id(), creatorToken).json();
        assertThat(listed.get("lastUsedAt").isNull()).isFalse();

        List<AuditEvent> uses = audit.find("apikey.use", key.id());
        assertThat(uses).hasSize(1);
        AuditEvent use = uses.get(0);
        assertThat(use.tenantId()).isEqualTo(tenant);
        assertThat(use.actor().kind()).isEqualTo(Actor.Kind.API_KEY);
        assertThat(use.actor().id()).isEqualTo(key.id());
        assertThat(use.changes()).containsEntry("method", "GET").containsEntry("path", keys(tenant));
    }

    @Test
    void whatAKeyDoesIsAttributedToTheKey() {
        // No write in this branch is open to keys (key management never goes on a key), so the
        // attribution is shown on the audited denial.
        Key key = key(tenant, "SCAN_READ");
        assertThat(http.get(keys(tenant), key.value()).status()).isEqualTo(403);
        List<AuditEvent> denied = audit.find("access.denied", "GET " + keys(tenant)).stream()
                .filter(e -> key.id().equals(e.actor().id()))
                .toList();
        assertThat(denied).hasSize(1);
        assertThat(denied.get(0).actor().kind()).isEqualTo(Actor.Kind.API_KEY);
    }

    @Test
    void accessTokensStillWorkAlongsideKeys() {
        assertThat(http.get("/api/v1/me", creatorToken).status()).isEqualTo(200);
        assertThat(http.get("/api/v1/me", http.loginAdmin())
                        .json()
                        .get("apiKeyId")
                        .isNull())
                .isTrue();
        assertUnauthenticated(http.get("/api/v1/me", "not-a-jwt"));
    }
}
