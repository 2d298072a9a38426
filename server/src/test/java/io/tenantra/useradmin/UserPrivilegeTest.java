package io.tenantra.useradmin;

import static io.tenantra.useradmin.UserApiTest.assertProblem;
import static io.tenantra.useradmin.UserApiTest.created;
import static io.tenantra.useradmin.UserApiTest.errorFields;
import static io.tenantra.useradmin.UserApiTest.newUser;
import static io.tenantra.useradmin.UserApiTest.users;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.platform.audit.AuditEvent;
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

/** Nobody grants, revokes or manages more than they hold, and nobody changes their own standing. */
@ServerTest
class UserPrivilegeTest {

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

    @Test
    void anAdminCannotGrantARoleCarryingPermissionsItLacks() {
        UUID tenant = fx.tenant(fx.root(), "esc");
        String tenantAdmin = http.login(fx.user(tenant, "ADMIN"), Fixtures.PASSWORD);
        Map<String, Object> body = newUser("MSP_ADMIN");

        Http.Response refused = http.postJson(users(tenant), tenantAdmin, body);

        assertProblem(refused, 403, "forbidden");
        assertThat(refused.json().get("detail").asString())
                .contains("MSP_ADMIN")
                .contains("IMPERSONATE");
        assertThat(http.get(users(tenant) + "?q=" + body.get("username"), admin)
                        .json()
                        .get("items"))
                .isEmpty();
        // What it does hold, it can hand out.
        created(http.postJson(users(tenant), tenantAdmin, newUser("ADMIN", "MANAGER")));
    }

    @Test
    void onlyASuperAdminGrantsSuperAdminAndOnlyOnTheRootTenant() {
        String mspAdmin = http.login(fx.user(fx.root(), "MSP_ADMIN"), Fixtures.PASSWORD);
        assertProblem(http.postJson(users(fx.root()), mspAdmin, newUser("SUPER_ADMIN")), 403, "forbidden");

        UUID child = fx.tenant(fx.root(), "child");
        Http.Response elsewhere = http.postJson(users(child), admin, newUser("SUPER_ADMIN"));
        assertProblem(elsewhere, 422, "validation-failed");
        assertThat(errorFields(elsewhere)).containsExactly("roles[0]");

        Map<String, Object> body = newUser("SUPER_ADMIN");
        String id =
                created(http.postJson(users(fx.root()), admin, body)).get("id").asString();
        // A new super admin may be removed again, but not by a mere MSP admin.
        assertProblem(Api.delete(http, users(fx.root()) + "/" + id, mspAdmin), 403, "forbidden");
        assertThat(Api.delete(http, users(fx.root()) + "/" + id, admin).status())
                .isEqualTo(204);
    }

    @Test
    void aThisTenantOnlyAdminCannotGrantRolesReachingTheSubtree() {
        UUID tenant = fx.tenant(fx.root(), "local");
        String localAdmin = http.login(fx.user(tenant, "ADMIN", tenant, false), Fixtures.PASSWORD);

        Http.Response subtree = http.postJson(users(tenant), localAdmin, newUser("READONLY"));
        assertProblem(subtree, 403, "forbidden");
        assertThat(subtree.json().get("detail").asString()).contains("tenants below");

        Map<String, Object> local = newUser();
        local.remove("roles");
        local.put("bindings", List.of(Map.of("role", "ADMIN", "subtree", false)));
        assertThat(created(http.postJson(users(tenant), localAdmin, local))
                        .get("roles")
                        .toString())
                .isEqualTo("[{\"role\":\"ADMIN\",\"subtree\":false}]");
    }

    @Test
    void aCallerCannotManageAUserHoldingMoreThanItself() {
        UUID tenant = fx.tenant(fx.root(), "rank");
        String tenantAdmin = http.login(fx.user(tenant, "ADMIN"), Fixtures.PASSWORD);
        String strongerId = created(http.postJson(users(tenant), admin, newUser("MSP_ADMIN")))
                .get("id")
                .asString();
        String path = users(tenant) + "/" + strongerId;

        assertProblem(Api.patch(http, path, tenantAdmin, Map.of("email", "taken-over@example.org")), 403, "forbidden");
        assertProblem(Api.patch(http, path, tenantAdmin, Map.of("active", false)), 403, "forbidden");
        assertProblem(Api.patch(http, path, tenantAdmin, Map.of("roles", List.of("READONLY"))), 403, "forbidden");
        assertProblem(Api.delete(http, path, tenantAdmin), 403, "forbidden");
        assertThat(http.get(path, tenantAdmin).json().get("active").asBoolean()).isTrue();
        assertThat(audit.about(strongerId)).extracting(AuditEvent::action).containsExactly("user.create");
    }

    @Test
    void nobodyChangesTheirOwnRolesOrDeactivatesOrDeletesThemselves() {
        UUID tenant = fx.tenant(fx.root(), "self");
        String username = fx.user(tenant, "ADMIN");
        String token = http.login(username, Fixtures.PASSWORD);
        String self = users(tenant) + "/"
                + http.get("/api/v1/me", token).json().get("id").asString();

        Http.Response roles = Api.patch(http, self, token, Map.of("roles", List.of("ADMIN", "MANAGER")));
        assertProblem(roles, 409, "conflict");
        assertThat(roles.json().get("detail").asString()).contains("your own roles");
        assertProblem(Api.patch(http, self, token, Map.of("active", false)), 409, "conflict");
        assertProblem(Api.delete(http, self, token), 409, "conflict");

        // Restating what is already true is fine, and so is changing one's own profile.
        assertThat(Api.patch(http, self, token, Map.of("roles", List.of("ADMIN"), "active", true))
                        .status())
                .isEqualTo(200);
        Http.Response profile = Api.patch(http, self, token, Map.of("displayName", "Me, renamed"));
        assertThat(profile.status()).as(profile.body()).isEqualTo(200);
        assertThat(profile.json().get("roles").toString()).isEqualTo("[{\"role\":\"ADMIN\",\"subtree\":true}]");
    }

    @Test
    void rejectedChangesLeaveEverythingAsItWas() {
        UUID tenant = fx.tenant(fx.root(), "atomic");
        String tenantAdmin = http.login(fx.user(tenant, "ADMIN"), Fixtures.PASSWORD);
        String id = created(http.postJson(users(tenant), admin, newUser("READONLY")))
                .get("id")
                .asString();
        String path = users(tenant) + "/" + id;

        // The display name is fine, the role is not: neither is applied.
        assertProblem(
                Api.patch(http, path, tenantAdmin, Map.of("displayName", "Changed", "roles", List.of("MSP_ADMIN"))),
                403,
                "forbidden");
        var user = http.get(path, admin).json();
        assertThat(user.get("displayName").asString()).isNotEqualTo("Changed");
        assertThat(user.get("roles").toString()).contains("READONLY");
        assertThat(audit.about(id)).extracting(AuditEvent::action).containsExactly("user.create");
    }
}
