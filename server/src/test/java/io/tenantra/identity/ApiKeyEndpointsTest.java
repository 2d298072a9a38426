package io.tenantra.identity;

import static io.tenantra.identity.AccessFixtures.createKey;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.platform.audit.Actor;
import io.tenantra.platform.audit.AuditEvent;
import io.tenantra.support.AuditRecorder;
import io.tenantra.support.Fixtures;
import io.tenantra.support.Http;
import io.tenantra.support.ServerTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** {@code /api/v1/tenants/{tenantId}/api-keys}: who may do what where, validation, shown-once, audit. */
@ServerTest
class ApiKeyEndpointsTest {

    private static final String PROBLEM = "urn:tenantra:problem:";

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
    String adminToken;

    @BeforeEach
    void world() {
        http = new Http(port);
        parent = fx.tenant(fx.root(), "keys-parent");
        tenant = fx.tenant(parent, "keys");
        child = fx.tenant(tenant, "keys-child");
        sibling = fx.tenant(parent, "keys-sibling");
        adminToken = http.login(fx.user(tenant, "ADMIN"), Fixtures.PASSWORD);
    }

    private String keys(UUID t) {
        return "/api/v1/tenants/" + t + "/api-keys";
    }

    private JsonNode created(String token, UUID t, Object body) {
        Http.Response response = createKey(http, token, t, body);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }

    private static void assertProblem(Http.Response response, int status, String type) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.json().get("type").asString()).isEqualTo(PROBLEM + type);
    }

    private Http.Response delete(String path, String token) {
        return http.send(http.request(path, token).DELETE().build());
    }

    @Test
    void creatingReturnsTheKeyOnceWithItsDefaults() {
        String name = Fixtures.unique("ci");
        Http.Response response = createKey(http, adminToken, tenant, Map.of("name", name));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        JsonNode key = response.json();
        assertThat(key.get("key").asString()).matches("tnk_[a-z2-7]{12}_[A-Za-z0-9_-]{43}");
        assertThat(key.get("key").asString())
                .startsWith("tnk_" + key.get("prefix").asString() + "_");
        assertThat(key.get("name").asString()).isEqualTo(name);
        assertThat(key.get("tenantId").asString()).isEqualTo(tenant.toString());
        assertThat(key.get("state").asString()).isEqualTo("ACTIVE");
        assertThat(key.get("expiresAt").isNull()).isTrue();
        assertThat(response.header("Location"))
                .endsWith(keys(tenant) + "/" + key.get("id").asString());
        // Default: every permission the ADMIN holds here that a key may carry.
        Set<String> expected = new HashSet<>();
        BuiltInRole.ADMIN.permissions().stream()
                .filter(p -> !ApiKeyPolicy.NEVER_ON_KEYS.contains(p))
                .forEach(p -> expected.add(p.name()));
        assertThat(strings(key.get("permissions"))).containsExactlyInAnyOrderElementsOf(expected);

        // Shown once: neither the list nor the single key ever contain the secret again.
        String secret = key.get("key").asString().substring(17);
        Http.Response one = http.get(keys(tenant) + "/" + key.get("id").asString(), adminToken);
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json().has("key")).isFalse();
        assertThat(one.body()).doesNotContain(secret);
        Http.Response list = http.get(keys(tenant), adminToken);
        assertThat(list.body()).doesNotContain(secret).contains(name);
        // Nor does the database hold it in clear.
        Map<String, Object> row =
                access.row(tenant, UUID.fromString(key.get("id").asString()));
        assertThat(row.values().toString()).doesNotContain(secret);
    }

    @Test
    void creatingPublishesOneAuditEventWithoutTheSecret() {
        JsonNode key = created(
                adminToken, tenant, Map.of("name", Fixtures.unique("audited"), "permissions", List.of("SCAN_READ")));
        List<AuditEvent> events = audit.find("apikey.create", key.get("id").asString());
        assertThat(events).hasSize(1);
        AuditEvent event = events.get(0);
        assertThat(event.tenantId()).isEqualTo(tenant);
        assertThat(event.actor().kind()).isEqualTo(Actor.Kind.USER);
        assertThat(event.targetType()).isEqualTo("api_key");
        assertThat(event.changes())
                .containsEntry("permissions", List.of("SCAN_READ"))
                .containsEntry("prefix", key.get("prefix").asString());
        assertThat(event.changes().toString())
                .doesNotContain(key.get("key").asString().substring(17));
    }

    @Test
    void explicitPermissionsAndExpiryAreKept() {
        Instant expiry = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        JsonNode key = created(
                adminToken,
                tenant,
                Map.of(
                        "name",
                        Fixtures.unique("scoped"),
                        "permissions",
                        List.of("SCAN_READ", "AGENT_READ"),
                        "expiresAt",
                        expiry.toString()));
        assertThat(strings(key.get("permissions"))).containsExactly("AGENT_READ", "SCAN_READ");
        assertThat(Instant.parse(key.get("expiresAt").asString())).isEqualTo(expiry);
    }

    @Test
    void permissionsBeyondTheCreatorsAreForbidden() {
        // TENANT_CREATE may go on keys, but an ADMIN does not hold it.
        Http.Response response = createKey(
                http,
                adminToken,
                tenant,
                Map.of("name", Fixtures.unique("greedy"), "permissions", List.of("TENANT_CREATE")));
        assertProblem(response, 403, "forbidden");
        assertThat(response.json().get("detail").asString()).contains("TENANT_CREATE");
    }

    @Test
    void permissionsKeysNeverCarryAreInvalidEvenForTheSuperAdmin() {
        String superToken = http.loginAdmin();
        for (Permission p : ApiKeyPolicy.NEVER_ON_KEYS) {
            Http.Response response = createKey(
                    http,
                    superToken,
                    tenant,
                    Map.of("name", Fixtures.unique("never"), "permissions", List.of(p.name())));
            assertProblem(response, 422, "validation-failed");
            assertThat(response.json().get("errors").get(0).get("field").asString())
                    .isEqualTo("permissions");
        }
        // The super admin's default key is still useful: everything else.
        JsonNode key = created(superToken, tenant, Map.of("name", Fixtures.unique("super")));
        assertThat(strings(key.get("permissions")))
                .contains("TENANT_CREATE", "AUDIT_READ")
                .doesNotContain("PLATFORM_ADMIN", "IMPERSONATE", "API_KEY_WRITE", "USER_WRITE", "ROLE_WRITE");
    }

    @Test
    void badInputIsRejectedWithTheRightProblem() {
        String name = Fixtures.unique("bad");
        assertProblem(createKey(http, adminToken, tenant, "{\"name\":"), 400, "malformed-body");
        assertProblem(createKey(http, adminToken, tenant, Map.of()), 422, "validation-failed");
        assertProblem(createKey(http, adminToken, tenant, Map.of("name", "   ")), 422, "validation-failed");
        assertProblem(createKey(http, adminToken, tenant, Map.of("name", "x".repeat(101))), 422, "validation-failed");
        assertProblem(
                createKey(http, adminToken, tenant, Map.of("name", 42, "permissions", "SCAN_READ")),
                422,
                "validation-failed");
        assertProblem(
                createKey(http, adminToken, tenant, Map.of("name", name, "permissions", List.of("NOPE"))),
                422,
                "validation-failed");
        assertProblem(
                createKey(http, adminToken, tenant, Map.of("name", name, "permissions", List.of())),
                422,
                "validation-failed");
        assertProblem(
                createKey(http, adminToken, tenant, Map.of("name", name, "expiresAt", "tomorrow")),
                422,
                "validation-failed");
        assertProblem(
                createKey(
                        http,
                        adminToken,
                        tenant,
                        Map.of(
                                "name",
                                name,
                                "expiresAt",
                                Instant.now().minusSeconds(60).toString())),
                422,
                "validation-failed");
        assertProblem(
                createKey(
                        http,
                        adminToken,
                        tenant,
                        Map.of(
                                "name",
                                name,
                                "expiresAt",
                                Instant.now().plus(731, ChronoUnit.DAYS).toString())),
                422,
                "validation-failed");
        assertProblem(
                createKey(http, adminToken, tenant, Map.of("name", name, "secret", "mine")), 422, "validation-failed");
        assertProblem(http.post(keys(tenant), adminToken, "text/plain", "name"), 415, "unsupported-media-type");
        // Nothing was half-created along the way.
        assertThat(http.get(keys(tenant), adminToken).body()).doesNotContain(name);
    }

    @Test
    void namesAreUniquePerTenantAmongKeysNotRevoked() {
        String name = Fixtures.unique("dup");
        JsonNode first = created(adminToken, tenant, Map.of("name", name));
        assertProblem(createKey(http, adminToken, tenant, Map.of("name", name.toUpperCase())), 409, "conflict");
        // Another tenant may use the same name; its key cannot be reached through this tenant.
        String siblingAdmin = http.login(fx.user(sibling, "ADMIN"), Fixtures.PASSWORD);
        String siblingKey =
                created(siblingAdmin, sibling, Map.of("name", name)).get("id").asString();
        assertProblem(http.get(keys(tenant) + "/" + siblingKey, adminToken), 404, "not-found");
        assertProblem(delete(keys(tenant) + "/" + siblingKey, adminToken), 404, "not-found");
        assertThat(http.get(keys(sibling) + "/" + siblingKey, siblingAdmin)
                        .json()
                        .get("state")
                        .asString())
                .isEqualTo("ACTIVE");
        // Once revoked, the name is free again.
        assertThat(delete(keys(tenant) + "/" + first.get("id").asString(), adminToken)
                        .status())
                .isEqualTo(204);
        created(adminToken, tenant, Map.of("name", name));
    }

    @Test
    void revokingIsIdempotentAndAuditedOnce() {
        JsonNode key = created(adminToken, tenant, Map.of("name", Fixtures.unique("gone")));
        String path = keys(tenant) + "/" + key.get("id").asString();
        assertThat(delete(path, adminToken).status()).isEqualTo(204);
        assertThat(delete(path, adminToken).status()).isEqualTo(204);
        JsonNode after = http.get(path, adminToken).json();
        assertThat(after.get("state").asString()).isEqualTo("REVOKED");
        assertThat(after.get("revokedAt").isNull()).isFalse();
        List<AuditEvent> events = audit.find("apikey.revoke", key.get("id").asString());
        assertThat(events).hasSize(1);
        assertThat(events.get(0).tenantId()).isEqualTo(tenant);
        assertThat(events.get(0).changes())
                .containsEntry("prefix", key.get("prefix").asString());

        assertProblem(delete(keys(tenant) + "/" + UUID.randomUUID(), adminToken), 404, "not-found");
        assertProblem(http.get(keys(tenant) + "/" + UUID.randomUUID(), adminToken), 404, "not-found");
        assertProblem(http.get(keys(tenant) + "/not-a-uuid", adminToken), 404, "not-found");
    }

    @Test
    void listPagesNewestFirstWithOpaqueCursors() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            names.add(created(adminToken, tenant, Map.of("name", "page-" + i))
                    .get("name")
                    .asString());
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            Http.Response page =
                    http.get(keys(tenant) + "?limit=2" + (cursor == null ? "" : "&cursor=" + cursor), adminToken);
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            assertThat(page.json().get("items").size()).isLessThanOrEqualTo(2);
            page.json().get("items").forEach(item -> seen.add(item.get("name").asString()));
            cursor = page.json().get("nextCursor").isNull()
                    ? null
                    : page.json().get("nextCursor").asString();
        } while (cursor != null);
        assertThat(seen).containsExactly("page-4", "page-3", "page-2", "page-1", "page-0");

        assertProblem(http.get(keys(tenant) + "?limit=0", adminToken), 422, "validation-failed");
        assertProblem(http.get(keys(tenant) + "?limit=501", adminToken), 422, "validation-failed");
        assertProblem(http.get(keys(tenant) + "?limit=ten", adminToken), 422, "validation-failed");
        assertProblem(http.get(keys(tenant) + "?cursor=%25%25%25", adminToken), 422, "validation-failed");
        assertProblem(http.get(keys(tenant) + "?cursor=bm9wZQ", adminToken), 422, "validation-failed");
    }

    @Test
    void isolationAcrossTheTreeAndRoles() {
        created(adminToken, tenant, Map.of("name", Fixtures.unique("own")));
        // The tenant's ADMIN: own tenant and child yes; sibling and parent are invisible.
        assertThat(http.get(keys(tenant), adminToken).status()).isEqualTo(200);
        assertThat(http.get(keys(child), adminToken).status()).isEqualTo(200);
        assertThat(createKey(http, adminToken, child, Map.of("name", Fixtures.unique("child")))
                        .status())
                .isEqualTo(201);
        assertProblem(http.get(keys(sibling), adminToken), 404, "not-found");
        assertProblem(http.get(keys(parent), adminToken), 404, "not-found");
        assertProblem(createKey(http, adminToken, sibling, Map.of("name", "x")), 404, "not-found");
        assertProblem(delete(keys(parent) + "/" + UUID.randomUUID(), adminToken), 404, "not-found");
        assertProblem(http.get(keys(UUID.randomUUID()), adminToken), 404, "not-found");

        // An MSP admin on the parent reaches the whole subtree.
        String msp = http.login(fx.user(parent, "MSP_ADMIN"), Fixtures.PASSWORD);
        assertThat(http.get(keys(tenant), msp).status()).isEqualTo(200);
        assertThat(http.get(keys(child), msp).status()).isEqualTo(200);

        // Roles without the permissions: visible tenant, 403.
        for (String role : List.of("MANAGER", "ANALYST", "READONLY", "BILLING_VIEWER")) {
            String token = http.login(fx.user(tenant, role), Fixtures.PASSWORD);
            assertProblem(http.get(keys(tenant), token), 403, "forbidden");
            assertProblem(createKey(http, token, tenant, Map.of("name", "x")), 403, "forbidden");
            assertProblem(delete(keys(tenant) + "/" + UUID.randomUUID(), token), 403, "forbidden");
        }

        // A role that may read keys but not write them.
        String readerRole = Fixtures.unique("keyreader");
        access.customRole(tenant, readerRole, "TENANT_READ", "API_KEY_READ");
        String reader = http.login(fx.user(tenant, readerRole), Fixtures.PASSWORD);
        assertThat(http.get(keys(tenant), reader).status()).isEqualTo(200);
        assertProblem(createKey(http, reader, tenant, Map.of("name", "x")), 403, "forbidden");

        // Anonymous and garbage credentials.
        assertProblem(http.get(keys(tenant), null), 401, "unauthenticated");
        assertProblem(createKey(http, null, tenant, Map.of("name", "x")), 401, "unauthenticated");
        assertProblem(delete(keys(tenant) + "/" + UUID.randomUUID(), null), 401, "unauthenticated");
    }

    private static List<String> strings(JsonNode array) {
        List<String> result = new ArrayList<>();
        array.forEach(n -> result.add(n.asString()));
        return result;
    }
}
