package io.tenantra.useradmin;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.platform.audit.AuditEvent;
import io.tenantra.support.Api;
import io.tenantra.support.AuditRecorder;
import io.tenantra.support.Fixtures;
import io.tenantra.support.Http;
import io.tenantra.support.ServerTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The user administration API: shapes, listing, tenant isolation, access rules and bad input. */
@ServerTest
class UserApiTest {

    static final String NEW_PASSWORD = "Brand-New-Password-42";

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fx;

    @Autowired
    AuditRecorder audit;

    Http http;
    String admin;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        admin = http.loginAdmin();
    }

    static String users(UUID tenant) {
        return "/api/v1/tenants/" + tenant + "/users";
    }

    static Map<String, Object> newUser(String... roles) {
        String username = Fixtures.unique("user");
        Map<String, Object> body = new HashMap<>();
        body.put("username", username);
        body.put("email", username + "@example.org");
        body.put("password", NEW_PASSWORD);
        body.put("displayName", "User " + username);
        body.put("roles", List.of(roles));
        return body;
    }

    static JsonNode created(Http.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }

    static void assertProblem(Http.Response response, int status, String type) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("type").asString()).isEqualTo("urn:tenantra:problem:" + type);
    }

    static List<String> errorFields(Http.Response response) {
        List<String> fields = new ArrayList<>();
        response.json().get("errors").forEach(e -> fields.add(e.get("field").asString()));
        return fields;
    }

    @Test
    void createReturnsTheUserWithItsRolesAndNeverThePassword() {
        UUID tenant = fx.tenant(fx.root(), "users");
        Map<String, Object> body = newUser("ADMIN", "MANAGER");

        Http.Response response = http.postJson(users(tenant), admin, body);

        JsonNode user = created(response);
        assertThat(user.get("id").asString()).matches("[0-9a-f-]{36}");
        assertThat(response.header("Location"))
                .isEqualTo(users(tenant) + "/" + user.get("id").asString());
        assertThat(user.get("tenantId").asString()).isEqualTo(tenant.toString());
        assertThat(user.get("username").asString()).isEqualTo(body.get("username"));
        assertThat(user.get("email").asString()).isEqualTo(body.get("email"));
        assertThat(user.get("displayName").asString()).isEqualTo(body.get("displayName"));
        assertThat(user.get("active").asBoolean()).isTrue();
        assertThat(user.get("roles").toString())
                .isEqualTo("[{\"role\":\"ADMIN\",\"subtree\":true},{\"role\":\"MANAGER\",\"subtree\":true}]");
        assertThat(user.get("createdAt").asString()).isNotBlank();
        assertThat(user.get("createdBy").asString()).isEqualTo(meId(admin));
        assertThat(user.get("modifiedAt").asString()).isNotBlank();
        assertThat(response.body()).doesNotContainIgnoringCase("password").doesNotContain(NEW_PASSWORD);

        // The new user can log in, and holds exactly what was granted, on that tenant.
        JsonNode me = http.get("/api/v1/me", http.login((String) body.get("username"), NEW_PASSWORD))
                .json();
        assertThat(me.get("tenantId").asString()).isEqualTo(tenant.toString());
        assertThat(me.get("roles").toString()).isEqualTo("[\"ADMIN\",\"MANAGER\"]");

        List<AuditEvent> events = audit.about(user.get("id").asString(), "user.", true);
        assertThat(events).extracting(AuditEvent::action).containsExactly("user.create");
        AuditEvent event = events.get(0);
        assertThat(event.tenantId()).isEqualTo(tenant);
        assertThat(event.actor().name()).isEqualTo("admin");
        assertThat(event.targetType()).isEqualTo("user");
        assertThat(event.outcome()).isEqualTo(AuditEvent.Outcome.SUCCESS);
        assertThat(event.changes())
                .containsEntry("username", body.get("username"))
                .containsKey("roles");
        assertThat(event.changes().toString())
                .doesNotContainIgnoringCase("password")
                .doesNotContain(NEW_PASSWORD);
    }

    @Test
    void bindingsFormSetsTheReachOfEachRole() {
        UUID tenant = fx.tenant(fx.root(), "users");
        Map<String, Object> body = newUser();
        body.remove("roles");
        body.put("bindings", List.of(Map.of("role", "ANALYST", "subtree", false), Map.of("role", "BILLING_VIEWER")));
        body.remove("displayName");

        JsonNode user = created(http.postJson(users(tenant), admin, body));

        assertThat(user.get("roles").toString())
                .isEqualTo("[{\"role\":\"ANALYST\",\"subtree\":false},{\"role\":\"BILLING_VIEWER\",\"subtree\":true}]");
        assertThat(user.get("displayName").asString())
                .as("defaults to the username")
                .isEqualTo(body.get("username"));
    }

    @Test
    void getListFilterAndPage() {
        UUID tenant = fx.tenant(fx.root(), "users");
        String prefix = Fixtures.unique("pg").toLowerCase();
        List<String> ids = new ArrayList<>();
        for (String name : List.of("c", "a", "d", "b")) {
            Map<String, Object> body = newUser("READONLY");
            body.put("username", prefix + "-" + name);
            body.put("email", prefix + "-" + name + "@example.org");
            body.put("displayName", "Person " + name.toUpperCase());
            ids.add(created(http.postJson(users(tenant), admin, body)).get("id").asString());
        }
        Api.patch(http, users(tenant) + "/" + ids.get(2), admin, Map.of("active", false));

        JsonNode one = http.get(users(tenant) + "/" + ids.get(0), admin).json();
        assertThat(one.get("username").asString()).isEqualTo(prefix + "-c");

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Http.Response page =
                    http.get(users(tenant) + "?limit=3" + (cursor == null ? "" : "&cursor=" + cursor), admin);
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            page.json().get("items").forEach(u -> seen.add(u.get("username").asString()));
            cursor = page.json().get("nextCursor").isNull()
                    ? null
                    : page.json().get("nextCursor").asString();
            pages++;
        } while (cursor != null);
        assertThat(seen).containsExactly(prefix + "-a", prefix + "-b", prefix + "-c", prefix + "-d");
        assertThat(pages).isEqualTo(2);

        assertThat(usernames(users(tenant) + "?active=false")).containsExactly(prefix + "-d");
        assertThat(usernames(users(tenant) + "?active=true")).hasSize(3);
        // q matches username, e-mail or display name, ignoring case; wildcards are literal.
        assertThat(usernames(users(tenant) + "?q=PERSON%20b")).containsExactly(prefix + "-b");
        assertThat(usernames(users(tenant) + "?q=" + prefix.toUpperCase() + "-A@"))
                .containsExactly(prefix + "-a");
        assertThat(usernames(users(tenant) + "?q=%25")).isEmpty();
    }

    private List<String> usernames(String path) {
        Http.Response response = http.get(path, admin);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        response.json().get("items").forEach(u -> names.add(u.get("username").asString()));
        return names;
    }

    @Test
    void tenantAdminReachesOwnTenantAndChildrenButNotSiblingsOrParent() {
        UUID parent = fx.tenant(fx.root(), "parent");
        UUID own = fx.tenant(parent, "own");
        UUID child = fx.tenant(own, "child");
        UUID sibling = fx.tenant(parent, "sibling");
        String token = http.login(fx.user(own, "ADMIN"), Fixtures.PASSWORD);
        String siblingUser = created(http.postJson(users(sibling), admin, newUser("READONLY")))
                .get("id")
                .asString();

        assertThat(http.get(users(own), token).status()).isEqualTo(200);
        assertThat(created(http.postJson(users(child), token, newUser("ANALYST")))
                        .get("tenantId")
                        .asString())
                .isEqualTo(child.toString());
        assertProblem(http.get(users(sibling), token), 404, "not-found");
        assertProblem(http.get(users(parent), token), 404, "not-found");
        assertProblem(http.postJson(users(sibling), token, newUser("READONLY")), 404, "not-found");
        assertProblem(http.get(users(sibling) + "/" + siblingUser, token), 404, "not-found");
        // The sibling's user through one's own tenant: not there either.
        assertProblem(http.get(users(own) + "/" + siblingUser, token), 404, "not-found");
        assertProblem(
                Api.patch(http, users(own) + "/" + siblingUser, token, Map.of("active", false)), 404, "not-found");
        assertProblem(Api.delete(http, users(own) + "/" + siblingUser, token), 404, "not-found");
        assertThat(http.get(users(sibling) + "/" + siblingUser, admin)
                        .json()
                        .get("active")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void rolesWithoutUserPermissionsAreForbidden() {
        UUID tenant = fx.tenant(fx.root(), "users");
        String readonly = http.login(fx.user(tenant, "READONLY"), Fixtures.PASSWORD);
        String manager = http.login(fx.user(tenant, "MANAGER"), Fixtures.PASSWORD);
        String target = created(http.postJson(users(tenant), admin, newUser("READONLY")))
                .get("id")
                .asString();

        assertProblem(http.get(users(tenant), readonly), 403, "forbidden");
        assertProblem(http.get(users(tenant) + "/" + target, readonly), 403, "forbidden");
        assertThat(http.get(users(tenant), manager).status()).isEqualTo(200);
        assertThat(http.get(users(tenant) + "/" + target, manager).status()).isEqualTo(200);
        assertProblem(http.postJson(users(tenant), manager, newUser("READONLY")), 403, "forbidden");
        assertProblem(
                Api.patch(http, users(tenant) + "/" + target, manager, Map.of("active", false)), 403, "forbidden");
        assertProblem(Api.delete(http, users(tenant) + "/" + target, manager), 403, "forbidden");
        assertThat(audit.about(target, "user.", true))
                .extracting(AuditEvent::action)
                .containsExactly("user.create");
    }

    @Test
    void anonymousCallersGet401() {
        UUID tenant = fx.root();
        String id = UUID.randomUUID().toString();
        assertProblem(http.get(users(tenant), null), 401, "unauthenticated");
        assertProblem(http.postJson(users(tenant), null, newUser("READONLY")), 401, "unauthenticated");
        assertProblem(http.get(users(tenant) + "/" + id, null), 401, "unauthenticated");
        assertProblem(Api.patch(http, users(tenant) + "/" + id, null, Map.of("active", false)), 401, "unauthenticated");
        assertProblem(Api.delete(http, users(tenant) + "/" + id, null), 401, "unauthenticated");
        assertProblem(http.get(users(tenant), "not-a-token"), 401, "unauthenticated");
    }

    @Test
    void badInputIsRejectedWithFieldErrorsAndCreatesNothing() {
        UUID tenant = fx.tenant(fx.root(), "users");
        String path = users(tenant);

        assertProblem(http.post(path, admin, "application/json", "{\"username\": "), 400, "malformed-body");
        assertProblem(http.post(path, admin, "text/plain", "hello"), 415, "unsupported-media-type");
        Map<String, Object> wrongType = newUser("READONLY");
        wrongType.put("roles", Map.of("role", "ADMIN"));
        assertProblem(http.postJson(path, admin, wrongType), 422, "validation-failed");
        Map<String, Object> unknownField = newUser("READONLY");
        unknownField.put("isAdmin", true);
        assertProblem(http.postJson(path, admin, unknownField), 422, "validation-failed");

        Map<String, Object> bad = newUser("READONLY");
        bad.put("username", "-starts-with-a-dash");
        bad.put("email", "not an address");
        bad.put("displayName", "x".repeat(201));
        Http.Response invalid = http.postJson(path, admin, bad);
        assertProblem(invalid, 422, "validation-failed");
        assertThat(errorFields(invalid)).containsExactly("displayName", "email", "username");

        Map<String, Object> missing = new HashMap<>(Map.of("email", "a@example.org"));
        assertThat(errorFields(http.postJson(path, admin, missing))).contains("username", "password");

        Map<String, Object> shortPassword = newUser("READONLY");
        shortPassword.put("password", "short-pass1");
        Http.Response tooShort = http.postJson(path, admin, shortPassword);
        assertProblem(tooShort, 422, "validation-failed");
        assertThat(errorFields(tooShort)).containsExactly("password");
        assertThat(tooShort.body()).doesNotContain("short-pass1");
        Map<String, Object> longPassword = newUser("READONLY");
        longPassword.put("password", "p".repeat(1025));
        assertThat(errorFields(http.postJson(path, admin, longPassword))).containsExactly("password");

        assertThat(errorFields(http.postJson(path, admin, newUser("ADMIN", "NO_SUCH_ROLE"))))
                .containsExactly("roles[1]");
        assertThat(errorFields(http.postJson(path, admin, newUser("ADMIN", "ADMIN"))))
                .containsExactly("roles[1]");
        assertThat(errorFields(http.postJson(path, admin, newUser("admin")))).containsExactly("roles[0]");
        Map<String, Object> both = newUser("ADMIN");
        both.put("bindings", List.of(Map.of("role", "ADMIN")));
        assertThat(errorFields(http.postJson(path, admin, both))).containsExactly("bindings");
        Map<String, Object> tooMany = newUser();
        tooMany.put("roles", java.util.Collections.nCopies(21, "READONLY"));
        assertThat(errorFields(http.postJson(path, admin, tooMany))).contains("roles");

        Map<String, Object> oversized = newUser("READONLY");
        oversized.put("displayName", "x".repeat(1_100_000));
        assertProblem(http.postJson(path, admin, oversized), 413, "payload-too-large");

        assertThat(http.get(path, admin).json().get("items")).isEmpty();

        assertThat(errorFields(http.get(path + "?limit=0", admin))).containsExactly("limit");
        assertThat(errorFields(http.get(path + "?limit=501", admin))).containsExactly("limit");
        assertThat(errorFields(http.get(path + "?limit=many", admin))).containsExactly("limit");
        assertThat(errorFields(http.get(path + "?active=maybe", admin))).containsExactly("active");
        assertThat(errorFields(http.get(path + "?cursor=not-a-cursor", admin))).containsExactly("cursor");
        assertThat(errorFields(http.get(path + "?q=" + "q".repeat(201), admin))).containsExactly("q");
        assertProblem(http.get(path + "/" + UUID.randomUUID(), admin), 404, "not-found");
        assertProblem(http.get(path + "/not-a-uuid", admin), 404, "not-found");
        assertProblem(http.get(users(UUID.randomUUID()), admin), 404, "not-found");

        String id = created(http.postJson(path, admin, newUser("READONLY")))
                .get("id")
                .asString();
        assertThat(errorFields(Api.patch(http, path + "/" + id, admin, Map.of("email", "nope"))))
                .containsExactly("email");
        assertThat(errorFields(Api.patch(http, path + "/" + id, admin, Map.of("displayName", " "))))
                .containsExactly("displayName");
        assertThat(errorFields(Api.patch(http, path + "/" + id, admin, Map.of("roles", List.of("GHOST")))))
                .containsExactly("roles[0]");
        assertProblem(Api.patch(http, path + "/" + id, admin, Map.of("active", "perhaps")), 422, "validation-failed");
        assertProblem(Api.patch(http, path + "/" + id, admin, Map.of("password", "x")), 422, "validation-failed");
        assertThat(audit.about(id, "user.", true))
                .extracting(AuditEvent::action)
                .containsExactly("user.create");
    }

    @Test
    void usernamesAreGloballyUniqueAndEmailsUniquePerTenant() {
        UUID first = fx.tenant(fx.root(), "dup");
        UUID second = fx.tenant(fx.root(), "dup");
        Map<String, Object> body = newUser("READONLY");
        created(http.postJson(users(first), admin, body));

        Map<String, Object> sameName = newUser("READONLY");
        sameName.put("username", ((String) body.get("username")).toUpperCase());
        Http.Response taken = http.postJson(users(second), admin, sameName);
        assertProblem(taken, 409, "conflict");
        assertThat(taken.json().get("detail").asString()).contains("already taken");

        Map<String, Object> sameEmail = newUser("READONLY");
        sameEmail.put("email", ((String) body.get("email")).toUpperCase());
        Http.Response emailTaken = http.postJson(users(first), admin, sameEmail);
        assertProblem(emailTaken, 409, "conflict");
        assertThat(emailTaken.json().get("detail").asString()).contains("e-mail");
        // Another tenant may use the same address.
        created(http.postJson(users(second), admin, sameEmail));

        String other = created(http.postJson(users(first), admin, newUser("READONLY")))
                .get("id")
                .asString();
        assertProblem(
                Api.patch(http, users(first) + "/" + other, admin, Map.of("email", body.get("email"))),
                409,
                "conflict");
    }

    @Test
    void patchChangesOnlyWhatItNamesAndAuditsEachKindOfChangeOnce() {
        UUID tenant = fx.tenant(fx.root(), "patch");
        JsonNode user = created(http.postJson(users(tenant), admin, newUser("READONLY")));
        String path = users(tenant) + "/" + user.get("id").asString();

        Http.Response changed =
                Api.patch(http, path, admin, Map.of("displayName", "Renamed", "roles", List.of("ANALYST")));
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.json().get("displayName").asString()).isEqualTo("Renamed");
        assertThat(changed.json().get("email").asString())
                .isEqualTo(user.get("email").asString());
        assertThat(changed.json().get("roles").toString()).isEqualTo("[{\"role\":\"ANALYST\",\"subtree\":true}]");
        assertThat(changed.json().get("modifiedAt").asString())
                .isNotEqualTo(user.get("modifiedAt").asString());

        // Repeating the same change is not a change: nothing is written or audited.
        assertThat(Api.patch(http, path, admin, Map.of("displayName", "Renamed", "roles", List.of("ANALYST")))
                        .status())
                .isEqualTo(200);
        assertThat(Api.patch(http, path, admin, Map.of()).status()).isEqualTo(200);

        List<AuditEvent> updates = audit.about(user.get("id").asString(), "user.update");
        assertThat(updates).hasSize(1);
        assertThat(updates.get(0).changes())
                .containsOnlyKeys("displayName")
                .containsEntry(
                        "displayName", Map.of("from", user.get("displayName").asString(), "to", "Renamed"));
        List<AuditEvent> roles = audit.about(user.get("id").asString(), "user.roles");
        assertThat(roles).hasSize(1);
        assertThat(roles.get(0).changes().toString()).contains("READONLY").contains("ANALYST");
        assertThat(http.get(path, admin).json().get("displayName").asString()).isEqualTo("Renamed");
    }

    @Test
    void deleteRemovesTheUserForGood() {
        UUID tenant = fx.tenant(fx.root(), "delete");
        Map<String, Object> body = newUser("READONLY");
        String id = created(http.postJson(users(tenant), admin, body)).get("id").asString();
        String token = http.login((String) body.get("username"), NEW_PASSWORD);

        assertThat(Api.delete(http, users(tenant) + "/" + id, admin).status()).isEqualTo(204);

        assertProblem(http.get(users(tenant) + "/" + id, admin), 404, "not-found");
        assertProblem(http.get("/api/v1/me", token), 401, "unauthenticated");
        assertThat(http.postJson(
                                "/api/v1/auth/login",
                                null,
                                Map.of("username", body.get("username"), "password", NEW_PASSWORD))
                        .status())
                .isEqualTo(401);
        assertProblem(Api.delete(http, users(tenant) + "/" + id, admin), 404, "not-found");
        List<AuditEvent> deletes = audit.about(id, "user.delete");
        assertThat(deletes).hasSize(1);
        assertThat(deletes.get(0).changes()).containsEntry("username", body.get("username"));
        // The name is free again.
        created(http.postJson(users(tenant), admin, body));
    }

    private String meId(String token) {
        return http.get("/api/v1/me", token).json().get("id").asString();
    }
}
