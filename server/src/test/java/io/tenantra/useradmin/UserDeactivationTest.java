package io.tenantra.useradmin;

import static io.tenantra.useradmin.UserApiTest.NEW_PASSWORD;
import static io.tenantra.useradmin.UserApiTest.assertProblem;
import static io.tenantra.useradmin.UserApiTest.created;
import static io.tenantra.useradmin.UserApiTest.newUser;
import static io.tenantra.useradmin.UserApiTest.users;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.database.TenantTransactions;
import io.tenantra.platform.audit.AuditEvent;
import io.tenantra.platform.context.TenantScope;
import io.tenantra.support.Api;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Deactivating a user ends every way it was signed in, at once; reactivating lets it back in. */
@ServerTest
class UserDeactivationTest {

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
    String admin;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        admin = http.loginAdmin();
    }

    private JsonNode login(String username) {
        Http.Response response =
                http.postJson("/api/v1/auth/login", null, Map.of("username", username, "password", NEW_PASSWORD));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    @Test
    void deactivationEndsEverySessionAndReactivationLetsTheUserBackIn() {
        UUID tenant = fx.tenant(fx.root(), "deact");
        Map<String, Object> body = newUser("ANALYST");
        String username = (String) body.get("username");
        String id = created(http.postJson(users(tenant), admin, body)).get("id").asString();
        JsonNode first = login(username);
        JsonNode second = login(username);
        String firstToken = first.get("accessToken").asString();
        assertThat(http.get("/api/v1/me", firstToken).status()).isEqualTo(200);

        Http.Response deactivated = Api.patch(http, users(tenant) + "/" + id, admin, Map.of("active", false));

        assertThat(deactivated.status()).as(deactivated.body()).isEqualTo(200);
        assertThat(deactivated.json().get("active").asBoolean()).isFalse();
        assertProblem(http.get("/api/v1/me", firstToken), 401, "unauthenticated");
        assertProblem(http.get("/api/v1/me", second.get("accessToken").asString()), 401, "unauthenticated");
        assertProblem(
                http.postJson(
                        "/api/v1/auth/refresh",
                        null,
                        Map.of("refreshToken", first.get("refreshToken").asString())),
                401,
                "unauthenticated");
        assertProblem(
                http.postJson("/api/v1/auth/login", null, Map.of("username", username, "password", NEW_PASSWORD)),
                401,
                "unauthenticated");
        List<String> reasons = tx.read(
                TenantScope.of(tenant),
                () -> jdbc.sql(
                                "SELECT coalesce(revoked_reason, 'live') FROM auth_session WHERE tenant_id = ? AND user_id = ?")
                        .params(tenant, UUID.fromString(id))
                        .query(String.class)
                        .list());
        assertThat(reasons).containsExactly("user deactivated", "user deactivated");
        List<AuditEvent> deactivations = audit.about(id, "user.deactivate");
        assertThat(deactivations).hasSize(1);
        assertThat(deactivations.get(0).changes()).containsEntry("sessionsRevoked", 2);
        assertThat(http.get(users(tenant) + "?active=false", admin)
                        .json()
                        .get("items")
                        .get(0)
                        .get("id")
                        .asString())
                .isEqualTo(id);

        // Deactivating again changes nothing and records nothing.
        assertThat(Api.patch(http, users(tenant) + "/" + id, admin, Map.of("active", false))
                        .status())
                .isEqualTo(200);
        assertThat(audit.about(id, "user.deactivate")).hasSize(1);

        Http.Response reactivated = Api.patch(http, users(tenant) + "/" + id, admin, Map.of("active", true));
        assertThat(reactivated.json().get("active").asBoolean()).isTrue();
        assertThat(audit.about(id, "user.reactivate")).hasSize(1);
        String fresh = login(username).get("accessToken").asString();
        assertThat(http.get("/api/v1/me", fresh).status()).isEqualTo(200);
        // Sessions ended by the deactivation stay ended.
        assertProblem(http.get("/api/v1/me", firstToken), 401, "unauthenticated");
        assertThat(audit.about(id, "user.", true))
                .extracting(AuditEvent::action)
                .containsExactly("user.create", "user.deactivate", "user.reactivate");
    }
}
