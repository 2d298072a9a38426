package io.tenantra.useradmin;

import static io.tenantra.useradmin.UserApiTest.NEW_PASSWORD;
import static io.tenantra.useradmin.UserApiTest.assertProblem;
import static io.tenantra.useradmin.UserApiTest.created;
import static io.tenantra.useradmin.UserApiTest.newUser;
import static io.tenantra.useradmin.UserApiTest.users;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.database.TenantTransactions;
import io.tenantra.identity.BuiltInRole;
import io.tenantra.identity.Permission;
import io.tenantra.platform.context.TenantScope;
import io.tenantra.support.Api;
import io.tenantra.support.Fixtures;
import io.tenantra.support.Http;
import io.tenantra.support.ServerTest;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * The root tenant always keeps one active administrator. This needs a world where there is only
 * one, so it runs on a server of its own (the extra property gives it its own context and
 * database) instead of the shared one other tests add administrators to.
 */
@ServerTest
@TestPropertySource(properties = "tenantra.test.world=last-admin")
class LastAdminTest {

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fx;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TenantTransactions tx;

    @Test
    void theLastActiveRootAdministratorCannotBeRemovedDeactivatedOrDemoted() {
        Http http = new Http(port);
        String admin = http.loginAdmin();
        UUID root = fx.root();
        // An operator holding everything ADMIN holds, through a custom role: it outranks ADMINs but
        // does not itself count as one of the root's administrators.
        List<String> adminPermissions = BuiltInRole.ADMIN.permissions().stream()
                .sorted()
                .map(Enum::name)
                .toList();
        assertThat(http.postJson(
                                "/api/v1/tenants/" + root + "/roles",
                                admin,
                                Map.of("name", "Operators", "permissions", adminPermissions))
                        .status())
                .isEqualTo(201);
        Map<String, Object> operatorBody = newUser("Operators");
        created(http.postJson(users(root), admin, operatorBody));
        String operator = http.login((String) operatorBody.get("username"), NEW_PASSWORD);
        String last = created(http.postJson(users(root), admin, newUser("ADMIN")))
                .get("id")
                .asString();
        // Take the bootstrap admin out of the count, as if it had been deactivated long ago.
        tx.write(
                TenantScope.of(root),
                () -> jdbc.sql("UPDATE app_user SET active = false WHERE username = 'admin'")
                        .update());
        assertThat(EnumSet.copyOf(BuiltInRole.ADMIN.permissions())).doesNotContain(Permission.PLATFORM_ADMIN);

        String path = users(root) + "/" + last;
        Http.Response delete = Api.delete(http, path, operator);
        assertProblem(delete, 409, "conflict");
        assertThat(delete.json().get("detail").asString()).contains("last active administrator");
        assertProblem(Api.patch(http, path, operator, Map.of("active", false)), 409, "conflict");
        assertProblem(Api.patch(http, path, operator, Map.of("roles", List.of("MANAGER"))), 409, "conflict");
        // Other changes to that administrator are fine.
        assertThat(Api.patch(http, path, operator, Map.of("displayName", "Still in charge"))
                        .status())
                .isEqualTo(200);

        // Once another administrator exists, the first may go.
        created(http.postJson(users(root), operator, newUser("ADMIN")));
        assertThat(Api.delete(http, path, operator).status()).isEqualTo(204);
    }
}
