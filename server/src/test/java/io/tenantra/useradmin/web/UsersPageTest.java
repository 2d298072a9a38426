package io.tenantra.useradmin.web;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.platform.audit.AuditEvent;
import io.tenantra.support.AuditRecorder;
import io.tenantra.support.Fixtures;
import io.tenantra.support.Http;
import io.tenantra.support.ServerTest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The console's users page over HTTP: a signed-in session, the forms, and the htmx endpoints. */
@ServerTest
class UsersPageTest {

    private static final String PASSWORD = "Console-Password-123";

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

    private ConsoleClient admin() {
        return new ConsoleClient(port).login("admin", Http.ADMIN_PASSWORD);
    }

    private JsonNode apiUser(UUID tenant, String username) {
        JsonNode items = http.get("/api/v1/tenants/" + tenant + "/users?q=" + username, apiAdmin)
                .json()
                .get("items");
        return items.isEmpty() ? null : items.get(0);
    }

    private static List<Map.Entry<String, String>> newUser(String username, String password, String... roles) {
        List<Map.Entry<String, String>> fields = new java.util.ArrayList<>(List.of(
                entry("username", username),
                entry("email", username + "@example.org"),
                entry("displayName", "Console " + username),
                entry("password", password)));
        for (String role : roles) {
            fields.add(entry("roles", role));
        }
        return fields;
    }

    @Test
    void adminListsAndCreatesUsersOfAChosenTenant() {
        UUID tenant = fx.tenant(fx.root(), "console");
        ConsoleClient console = admin();

        HttpResponse<String> home = console.get("/users");
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains("href=\"/users\"").contains("href=\"/roles\"");
        // The new tenant is offered in the header's switcher, linking to its users.
        assertThat(home.body())
                .contains("data-testid=\"user-row-admin\"")
                .contains("href=\"/users?tenant=" + tenant + "\"");

        String username = Fixtures.unique("web");
        HttpResponse<String> created =
                console.post("/users?tenant=" + tenant, newUser(username, PASSWORD, "ANALYST", "READONLY"));
        assertThat(created.statusCode()).isEqualTo(302);
        assertThat(created.headers().firstValue("Location").orElseThrow()).endsWith("/users?tenant=" + tenant);

        HttpResponse<String> page = console.get("/users?tenant=" + tenant);
        assertThat(page.body())
                .contains("Created the user " + username)
                .contains("data-testid=\"user-row-" + username + "\"");
        JsonNode user = apiUser(tenant, username);
        assertThat(user.get("roles").toString())
                .isEqualTo("[{\"role\":\"ANALYST\",\"subtree\":true},{\"role\":\"READONLY\",\"subtree\":true}]");
        assertThat(audit.about(user.get("id").asString()))
                .extracting(AuditEvent::action)
                .containsExactly("user.create");
        assertThat(http.login(username, PASSWORD)).isNotBlank();
    }

    @Test
    void refusedFormsSayWhyAndCreateNothing() {
        UUID tenant = fx.tenant(fx.root(), "console");
        ConsoleClient console = admin();
        console.get("/users?tenant=" + tenant);
        String username = Fixtures.unique("web");

        HttpResponse<String> tooShort = console.post("/users?tenant=" + tenant, newUser(username, "short", "READONLY"));
        assertThat(tooShort.statusCode()).isEqualTo(422);
        assertThat(tooShort.body())
                .contains("data-testid=\"create-user-error\"")
                .contains("password: must be at least 12");
        assertThat(tooShort.body()).as("the form keeps what was typed").contains("value=\"" + username + "\"");

        HttpResponse<String> taken = console.post("/users?tenant=" + tenant, newUser("admin", PASSWORD, "READONLY"));
        assertThat(taken.statusCode()).isEqualTo(409);
        assertThat(taken.body()).contains("already taken");
        assertThat(apiUser(tenant, username)).isNull();
    }

    @Test
    void editDialogSavesProfileAndRolesAndTheToggleDeactivatesAndEndsTheConsoleSession() {
        UUID tenant = fx.tenant(fx.root(), "console");
        String username = Fixtures.unique("web");
        ConsoleClient console = admin();
        console.get("/users?tenant=" + tenant);
        console.post("/users?tenant=" + tenant, newUser(username, PASSWORD, "READONLY"));
        String id = apiUser(tenant, username).get("id").asString();
        ConsoleClient theUser = new ConsoleClient(port).login(username, PASSWORD);
        assertThat(theUser.get("/").statusCode()).isEqualTo(200);

        HttpResponse<String> dialog = console.htmxGet("/users/" + id + "/edit?tenant=" + tenant);
        assertThat(dialog.statusCode()).isEqualTo(200);
        assertThat(dialog.body()).contains("data-testid=\"edit-user-form\"").doesNotContain("<html");
        HttpResponse<String> saved = console.htmxPost(
                "/users/" + id + "?tenant=" + tenant,
                List.of(
                        entry("displayName", "Edited in the console"),
                        entry("email", username + "@example.net"),
                        entry("rolesIncluded", "true"),
                        entry("roles", "MANAGER"),
                        entry("tenantOnly", "MANAGER")));
        assertThat(saved.statusCode()).isEqualTo(200);
        assertThat(saved.headers().firstValue("HX-Redirect").orElseThrow())
                .isEqualTo("/users?tenant=" + tenant + "&updated=" + username);
        JsonNode user = apiUser(tenant, username);
        assertThat(user.get("displayName").asString()).isEqualTo("Edited in the console");
        assertThat(user.get("email").asString()).isEqualTo(username + "@example.net");
        assertThat(user.get("roles").toString()).isEqualTo("[{\"role\":\"MANAGER\",\"subtree\":false}]");

        HttpResponse<String> invalid = console.htmxPost(
                "/users/" + id + "?tenant=" + tenant,
                List.of(entry("displayName", "x"), entry("email", "not-an-address")));
        assertThat(invalid.statusCode()).as("htmx only swaps 2xx answers").isEqualTo(200);
        assertThat(invalid.body()).contains("data-testid=\"edit-user-error\"").contains("email:");

        HttpResponse<String> row =
                console.htmxPost("/users/" + id + "/active?tenant=" + tenant + "&active=false", List.of());
        assertThat(row.statusCode()).isEqualTo(200);
        assertThat(row.body()).startsWith("<tr").contains(">Inactive<").contains("data-testid=\"activate-user\"");
        assertThat(audit.about(id, "user.deactivate")).hasSize(1);

        HttpResponse<String> ended = theUser.get("/");
        assertThat(ended.statusCode()).isEqualTo(302);
        assertThat(ended.headers().firstValue("Location").orElseThrow()).endsWith("/login?expired");
        assertThat(theUser.get("/").headers().firstValue("Location").orElseThrow())
                .endsWith("/login");

        HttpResponse<String> back =
                console.htmxPost("/users/" + id + "/active?tenant=" + tenant + "&active=true", List.of());
        assertThat(back.body()).contains(">Active<");
    }

    @Test
    void theToggleExplainsARefusalInTheRow() {
        ConsoleClient console = admin();
        console.get("/users");
        String self = http.get("/api/v1/me", apiAdmin).json().get("id").asString();
        HttpResponse<String> page = console.get("/users?tenant=" + fx.root());
        assertThat(page.body()).as("no deactivate button for oneself").contains("data-testid=\"user-row-admin\"");
        String adminRow = page.body().substring(page.body().indexOf("data-testid=\"user-row-admin\""));
        assertThat(adminRow.substring(0, adminRow.indexOf("</tr>"))).doesNotContain("deactivate-user");

        HttpResponse<String> row =
                console.htmxPost("/users/" + self + "/active?tenant=" + fx.root() + "&active=false", List.of());
        assertThat(row.body()).contains("data-testid=\"user-row-error\"").contains("cannot deactivate yourself");
    }

    @Test
    void whatAUserMaySeeAndDoFollowsItsPermissions() {
        UUID tenant = fx.tenant(fx.root(), "console");
        UUID other = fx.tenant(fx.root(), "console");
        ConsoleClient readonly = new ConsoleClient(port).login(fx.user(tenant, "READONLY"), Fixtures.PASSWORD);
        assertThat(readonly.get("/").body()).doesNotContain("href=\"/users\"").doesNotContain("href=\"/roles\"");
        assertThat(readonly.get("/users").statusCode()).isEqualTo(403);

        ConsoleClient manager = new ConsoleClient(port).login(fx.user(tenant, "MANAGER"), Fixtures.PASSWORD);
        HttpResponse<String> page = manager.get("/users");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("href=\"/users\"")
                .doesNotContain("create-user-form")
                .doesNotContain("edit-user");
        String username = Fixtures.unique("web");
        assertThat(manager.post("/users?tenant=" + tenant, newUser(username, PASSWORD, "READONLY"))
                        .statusCode())
                .isEqualTo(403);
        assertThat(manager.get("/users?tenant=" + other).statusCode()).isEqualTo(404);
        assertThat(manager.get("/users?tenant=not-a-uuid").statusCode()).isEqualTo(400);
        assertThat(apiUser(tenant, username)).isNull();
    }
}
