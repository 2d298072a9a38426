package io.tenantra.useradmin;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.database.TenantTransactions;
import io.tenantra.platform.audit.AuditEvent;
import io.tenantra.platform.context.TenantScope;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** {@code GET/PUT /api/v1/me} and {@code PUT /api/v1/me/password}. */
@ServerTest
class ProfileApiTest {

    private static final String NEW_PASSWORD = "violet-harbour-kettle-42";

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

    Http http;
    UUID tenant;
    String username;
    String token;
    UUID userId;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        tenant = fx.tenant(fx.root(), "profile");
        username = fx.user(tenant, "ANALYST");
        token = http.login(username, Fixtures.PASSWORD);
        userId = UUID.fromString(http.get("/api/v1/me", token).json().get("id").asString());
    }

    private Http.Response put(String path, String bearer, Object body) {
        return http.send(http.request(path, bearer)
                .header("Content-Type", "application/json")
                .method("PUT", HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : json(body)))
                .build());
    }

    private static String json(Object body) {
        return tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(body);
    }

    private JsonNode loginJson(String user, String password) {
        Http.Response response =
                http.postJson("/api/v1/auth/login", null, Map.of("username", user, "password", password));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static void assertProblem(Http.Response response, int status, String type) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("type").asString()).isEqualTo("urn:tenantra:problem:" + type);
    }

    private static List<String> errors(Http.Response response, String field) {
        return response.json()
                .get("errors")
                .valueStream()
                .filter(e -> e.get("field").asString().equals(field))
                .map(e -> e.get("message").asString())
                .toList();
    }

    @Test
    void meReportsTheMfaStateAndNoImpersonator() {
        JsonNode me = http.get("/api/v1/me", token).json();
        assertThat(me.get("username").asString()).isEqualTo(username);
        assertThat(me.get("email").asString()).isEqualTo(username + "@example.com");
        assertThat(me.get("mfaEnabled").asBoolean()).isFalse();
        assertThat(me.get("mfaRequired").asBoolean()).isFalse();
        assertThat(me.has("impersonatedBy")).isTrue();
        assertThat(me.get("impersonatedBy").isNull()).isTrue();
    }

    @Test
    void everyProfileEndpointNeedsCredentials() {
        assertProblem(http.get("/api/v1/me", null), 401, "unauthenticated");
        assertProblem(
                put("/api/v1/me", null, Map.of("email", "a@b.example", "displayName", "A")), 401, "unauthenticated");
        assertProblem(
                put("/api/v1/me/password", null, Map.of("currentPassword", "x", "newPassword", NEW_PASSWORD)),
                401,
                "unauthenticated");
    }

    @Test
    void updatingTheProfileChangesItAndIsAuditedOnce() {
        String email = Fixtures.unique("new") + "@example.org";
        Http.Response response = put("/api/v1/me", token, Map.of("email", email, "displayName", "  Ada Lovelace "));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().get("email").asString()).isEqualTo(email);
        assertThat(response.json().get("displayName").asString()).isEqualTo("Ada Lovelace");
        JsonNode me = http.get("/api/v1/me", token).json();
        assertThat(me.get("email").asString()).isEqualTo(email);
        assertThat(me.get("displayName").asString()).isEqualTo("Ada Lovelace");

        List<AuditEvent> events = audit.events("profile.update", userId);
        assertThat(events).hasSize(1);
        AuditEvent event = events.get(0);
        assertThat(event.tenantId()).isEqualTo(tenant);
        assertThat(event.actor().id()).isEqualTo(userId);
        assertThat(event.outcome()).isEqualTo(AuditEvent.Outcome.SUCCESS);
        assertThat(event.changes()).isEqualTo(Map.of("email", email, "displayName", "Ada Lovelace"));
    }

    @Test
    void anUpdateThatChangesNothingIsNotAudited() {
        JsonNode me = http.get("/api/v1/me", token).json();
        Http.Response response = put(
                "/api/v1/me",
                token,
                Map.of(
                        "email",
                        me.get("email").asString(),
                        "displayName",
                        me.get("displayName").asString()));
        assertThat(response.status()).isEqualTo(200);
        assertThat(audit.events("profile.update", userId)).isEmpty();
    }

    @Test
    void badProfileInputIsRefusedAndChangesNothing() {
        assertProblem(
                http.send(http.request("/api/v1/me", token)
                        .header("Content-Type", "application/json")
                        .method("PUT", HttpRequest.BodyPublishers.ofString("{\"email\": "))
                        .build()),
                400,
                "malformed-body");

        Http.Response wrongType = put("/api/v1/me", token, "{\"email\": \"a@b.example\", \"displayName\": [1]}");
        assertProblem(wrongType, 422, "validation-failed");
        assertThat(errors(wrongType, "displayName")).isNotEmpty();

        Http.Response badEmail = put("/api/v1/me", token, Map.of("email", "not-an-address", "displayName", "A"));
        assertProblem(badEmail, 422, "validation-failed");
        assertThat(errors(badEmail, "email")).isNotEmpty();

        Http.Response tooLong =
                put("/api/v1/me", token, Map.of("email", "a@b.example", "displayName", "x".repeat(201)));
        assertProblem(tooLong, 422, "validation-failed");
        assertThat(errors(tooLong, "displayName")).isNotEmpty();

        Http.Response missing = put("/api/v1/me", token, Map.of("displayName", " "));
        assertProblem(missing, 422, "validation-failed");
        assertThat(errors(missing, "email")).isNotEmpty();
        assertThat(errors(missing, "displayName")).isNotEmpty();

        Http.Response unknown =
                put("/api/v1/me", token, Map.of("email", "a@b.example", "displayName", "A", "username", "root"));
        assertProblem(unknown, 422, "validation-failed");
        assertThat(errors(unknown, "username")).containsExactly("is not a known field");

        assertThat(http.get("/api/v1/me", token).json().get("email").asString()).isEqualTo(username + "@example.com");
        assertThat(audit.events("profile.update", userId)).isEmpty();
    }

    @Test
    void anAddressTakenInTheSameTenantIs409ButFreeInAnother() {
        String colleague = fx.user(tenant, "ANALYST");
        Http.Response taken = put(
                "/api/v1/me", token, Map.of("email", colleague.toUpperCase() + "@EXAMPLE.COM", "displayName", "Me"));
        assertProblem(taken, 409, "conflict");

        UUID otherTenant = fx.tenant(fx.root(), "elsewhere");
        String stranger = fx.user(otherTenant, "ANALYST");
        Http.Response free = put("/api/v1/me", token, Map.of("email", stranger + "@example.com", "displayName", "Me"));
        assertThat(free.status()).as(free.body()).isEqualTo(200);
    }

    @Test
    void aWrongCurrentPasswordIs422AndTheSessionSurvives() {
        Http.Response response = put(
                "/api/v1/me/password",
                token,
                Map.of("currentPassword", "not-my-password", "newPassword", NEW_PASSWORD));

        assertProblem(response, 422, "validation-failed");
        assertThat(errors(response, "currentPassword")).containsExactly("is incorrect");
        assertThat(http.get("/api/v1/me", token).status()).isEqualTo(200);
        assertThat(http.login(username, Fixtures.PASSWORD)).isNotBlank(); // unchanged

        List<AuditEvent> events = audit.events("profile.password", userId);
        assertThat(events).hasSize(1);
        assertThat(events.get(0).outcome()).isEqualTo(AuditEvent.Outcome.FAILURE);
        assertThat(events.get(0).changes()).isEqualTo(Map.of("reason", "wrong_current_password"));
    }

    @Test
    void theNewPasswordMustMeetThePolicy() {
        Map<String, String> refused = Map.of(
                "short-1!",
                "must be at least 12 characters long (it has 8)",
                "Password123456",
                "is too common: it is among the passwords attackers try first",
                "xx-" + username + "-xx",
                "must not contain the username",
                username + "@example.com",
                "must not be the same as the e-mail address",
                Fixtures.PASSWORD,
                "must differ from the current password");
        refused.forEach((password, message) -> {
            Http.Response response = put(
                    "/api/v1/me/password",
                    token,
                    Map.of("currentPassword", Fixtures.PASSWORD, "newPassword", password));
            assertProblem(response, 422, "validation-failed");
            assertThat(errors(response, "newPassword")).as(password).contains(message);
        });
        Http.Response oversized = put(
                "/api/v1/me/password",
                token,
                Map.of("currentPassword", "x".repeat(1025), "newPassword", "violet ".repeat(147)));
        assertProblem(oversized, 422, "validation-failed");
        assertThat(errors(oversized, "currentPassword")).isNotEmpty();
        Http.Response tooLong = put(
                "/api/v1/me/password",
                token,
                Map.of("currentPassword", Fixtures.PASSWORD, "newPassword", "violet ".repeat(147)));
        assertThat(errors(tooLong, "newPassword")).containsExactly("must be at most 1024 characters long");
        Http.Response missing = put("/api/v1/me/password", token, Map.of());
        assertProblem(missing, 422, "validation-failed");
        assertThat(errors(missing, "currentPassword")).isNotEmpty();
        assertThat(errors(missing, "newPassword")).isNotEmpty();
        assertThat(audit.events("profile.password", userId)).isEmpty();
    }

    @Test
    void aTenantCanAskForLongerPasswords() {
        tx.write(
                TenantScope.of(tenant),
                () -> jdbc.sql("UPDATE tenant SET settings = settings || '{\"passwordMinLength\": 30}' WHERE id = ?")
                        .param(tenant)
                        .update());
        Http.Response response = put(
                "/api/v1/me/password",
                token,
                Map.of("currentPassword", Fixtures.PASSWORD, "newPassword", NEW_PASSWORD));
        assertProblem(response, 422, "validation-failed");
        assertThat(errors(response, "newPassword")).containsExactly("must be at least 30 characters long (it has 24)");
    }

    @Test
    void changingThePasswordEndsEveryOtherSessionButThisOne() {
        JsonNode other = loginJson(username, Fixtures.PASSWORD);
        String otherAccess = other.get("accessToken").asString();
        assertThat(http.get("/api/v1/me", otherAccess).status()).isEqualTo(200);

        Http.Response response = put(
                "/api/v1/me/password",
                token,
                Map.of("currentPassword", Fixtures.PASSWORD, "newPassword", NEW_PASSWORD));

        assertThat(response.status()).as(response.body()).isEqualTo(204);
        assertThat(http.get("/api/v1/me", token).status()).as("this session").isEqualTo(200);
        assertThat(http.get("/api/v1/me", otherAccess).status())
                .as("the other session")
                .isEqualTo(401);
        assertThat(http.postJson(
                                "/api/v1/auth/refresh",
                                null,
                                Map.of("refreshToken", other.get("refreshToken").asString()))
                        .status())
                .isEqualTo(401);
        assertThat(http.postJson(
                                "/api/v1/auth/login", null, Map.of("username", username, "password", Fixtures.PASSWORD))
                        .status())
                .isEqualTo(401);
        assertThat(http.login(username, NEW_PASSWORD)).isNotBlank();

        List<AuditEvent> events = audit.events("profile.password", userId);
        assertThat(events).hasSize(1);
        assertThat(events.get(0).outcome()).isEqualTo(AuditEvent.Outcome.SUCCESS);
        assertThat(events.get(0).changes()).isEqualTo(Map.of("sessionsRevoked", 1));
        assertThat(events.get(0).changes().toString()).doesNotContain(NEW_PASSWORD, Fixtures.PASSWORD);
    }
}
