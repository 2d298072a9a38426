package io.tenantra.useradmin.web;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.platform.audit.AuditEvent;
import io.tenantra.support.AuditRecorder;
import io.tenantra.support.Fixtures;
import io.tenantra.support.Http;
import io.tenantra.support.ServerTest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The console's roles page over HTTP: listing, the permission checkboxes, edit and delete. */
@ServerTest
class RolesPageTest {

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fx;

    @Autowired
    AuditRecorder audit;

    Http http;
    String apiAdmin;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        apiAdmin = http.loginAdmin();
    }

    private static List<Map.Entry<String, String>> role(String name, String... permissions) {
        List<Map.Entry<String, String>> fields =
                new ArrayList<>(List.of(entry("name", name), entry("description", "Made in the console")));
        for (String permission : permissions) {
            fields.add(entry("permissions", permission));
        }
        return fields;
    }

    private JsonNode apiRole(UUID tenant, String name) {
        for (JsonNode role : http.get("/api/v1/tenants/" + tenant + "/roles?limit=500", apiAdmin)
                .json()
                .get("items")) {
            if (role.get("name").asString().equals(name)) {
                return role;
            }
        }
        return null;
    }

    private static String roleName() {
        return Fixtures.unique("Console").replace('-', '_');
    }

    @Test
    void listsRolesAndDefinesEditsAndDeletesACustomRole() {
        UUID tenant = fx.tenant(fx.root(), "roles");
        ConsoleClient console = new ConsoleClient(port).login(fx.user(tenant, "ADMIN"), Fixtures.PASSWORD);

        HttpResponse<String> page = console.get("/roles");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("data-testid=\"role-row-SUPER_ADMIN\"", "data-testid=\"role-row-BILLING_VIEWER\"")
                .contains("BILLING_READ")
                .contains("data-testid=\"create-role-form\"")
                .doesNotContain("new-perm-PLATFORM_ADMIN");
        // An ADMIN cannot put IMPERSONATE into a role: the box is there, but disabled.
        String impersonate = page.body().substring(page.body().indexOf("data-testid=\"new-perm-IMPERSONATE\"") - 300);
        assertThat(impersonate.substring(0, 400)).contains("disabled");

        String name = roleName();
        HttpResponse<String> created = console.post("/roles?tenant=" + tenant, role(name, "SCAN_READ", "AGENT_READ"));
        assertThat(created.statusCode()).isEqualTo(302);
        assertThat(console.get("/roles?tenant=" + tenant).body())
                .contains("Created the role " + name)
                .contains("data-testid=\"role-row-" + name + "\"");
        JsonNode role = apiRole(tenant, name);
        assertThat(role.get("permissions").toString()).isEqualTo("[\"AGENT_READ\",\"SCAN_READ\"]");
        String id = role.get("id").asString();

        HttpResponse<String> edit = console.get("/roles/" + id + "/edit?tenant=" + tenant);
        assertThat(edit.statusCode()).isEqualTo(200);
        assertThat(edit.body()).contains("value=\"" + name + "\"").contains("data-testid=\"edit-role-form\"");
        HttpResponse<String> saved =
                console.post("/roles/" + id + "?tenant=" + tenant, role(name, "SCAN_READ", "SCAN_WRITE"));
        assertThat(saved.statusCode()).isEqualTo(302);
        assertThat(apiRole(tenant, name).get("permissions").toString()).isEqualTo("[\"SCAN_READ\",\"SCAN_WRITE\"]");

        console.get("/roles?tenant=" + tenant);
        HttpResponse<String> deleted = console.htmxPost("/roles/" + id + "/delete?tenant=" + tenant, List.of());
        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(deleted.headers().firstValue("HX-Redirect").orElseThrow()).contains("deleted=" + name);
        assertThat(apiRole(tenant, name)).isNull();
        assertThat(audit.about(id))
                .extracting(AuditEvent::action)
                .containsExactly("role.create", "role.update", "role.delete");
    }

    @Test
    void refusalsAreExplainedOnThePage() {
        UUID tenant = fx.tenant(fx.root(), "roles");
        ConsoleClient console = new ConsoleClient(port).login(fx.user(tenant, "ADMIN"), Fixtures.PASSWORD);
        console.get("/roles?tenant=" + tenant);

        HttpResponse<String> builtIn = console.post("/roles?tenant=" + tenant, role("Manager", "SCAN_READ"));
        assertThat(builtIn.statusCode()).isEqualTo(422);
        assertThat(builtIn.body())
                .contains("data-testid=\"create-role-error\"")
                .contains("name: must not be the name of a built-in role");

        HttpResponse<String> notHeld = console.post("/roles?tenant=" + tenant, role(roleName(), "IMPERSONATE"));
        assertThat(notHeld.statusCode()).isEqualTo(403);
        assertThat(notHeld.body()).contains("you lack [IMPERSONATE]");

        String bound = roleName();
        String id = http.postJson(
                        "/api/v1/tenants/" + tenant + "/roles",
                        apiAdmin,
                        Map.of("name", bound, "permissions", List.of("SCAN_READ")))
                .json()
                .get("id")
                .asString();
        http.postJson(
                "/api/v1/tenants/" + tenant + "/users",
                apiAdmin,
                Map.of(
                        "username",
                        Fixtures.unique("holder"),
                        "email",
                        Fixtures.unique("h") + "@example.org",
                        "password",
                        "Holder-Password-1",
                        "roles",
                        List.of(bound)));
        HttpResponse<String> refused = console.htmxPost("/roles/" + id + "/delete?tenant=" + tenant, List.of());
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.headers().firstValue("HX-Redirect")).isEmpty();
        assertThat(refused.body()).contains("alert-danger").contains("is bound 1 time");
        assertThat(apiRole(tenant, bound)).isNotNull();
    }

    @Test
    void onlyThoseHoldingRolePermissionsSeeThePage() {
        UUID tenant = fx.tenant(fx.root(), "roles");
        ConsoleClient readonly = new ConsoleClient(port).login(fx.user(tenant, "READONLY"), Fixtures.PASSWORD);
        assertThat(readonly.get("/roles").statusCode()).isEqualTo(403);

        ConsoleClient manager = new ConsoleClient(port).login(fx.user(tenant, "MANAGER"), Fixtures.PASSWORD);
        HttpResponse<String> page = manager.get("/roles");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("data-testid=\"role-row-ADMIN\"").doesNotContain("create-role-form");
        assertThat(manager.post("/roles?tenant=" + tenant, role(roleName(), "SCAN_READ"))
                        .statusCode())
                .isEqualTo(403);
        assertThat(manager.get("/roles?tenant=" + fx.root()).statusCode()).isEqualTo(404);
    }
}
