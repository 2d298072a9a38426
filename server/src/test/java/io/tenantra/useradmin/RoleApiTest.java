package io.tenantra.useradmin;

import static io.tenantra.useradmin.UserApiTest.NEW_PASSWORD;
import static io.tenantra.useradmin.UserApiTest.assertProblem;
import static io.tenantra.useradmin.UserApiTest.created;
import static io.tenantra.useradmin.UserApiTest.errorFields;
import static io.tenantra.useradmin.UserApiTest.newUser;
import static io.tenantra.useradmin.UserApiTest.users;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.identity.BuiltInRole;
import io.tenantra.identity.Permission;
import io.tenantra.platform.audit.AuditEvent;
import io.tenantra.support.Api;
import io.tenantra.support.AuditRecorder;
import io.tenantra.support.Fixtures;
import io.tenantra.support.Http;
import io.tenantra.support.ServerTest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Custom roles: defining them, using them down the tree, and the rules on names and power. */
@ServerTest
class RoleApiTest {

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

    static String roles(UUID tenant) {
        return "/api/v1/tenants/" + tenant + "/roles";
    }

    static Map<String, Object> role(String name, String... permissions) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("description", "Role " + name);
        body.put("permissions", List.of(permissions));
        return body;
    }

    static String roleName() {
        return Fixtures.unique("Role").replace('-', '_');
    }

    private List<JsonNode> all(String path, String token) {
        List<JsonNode> items = new ArrayList<>();
        String cursor = null;
        do {
            Http.Response page = http.get(path + "?limit=4" + (cursor == null ? "" : "&cursor=" + cursor), token);
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            page.json().get("items").forEach(items::add);
            cursor = page.json().get("nextCursor").isNull()
                    ? null
                    : page.json().get("nextCursor").asString();
        } while (cursor != null);
        return items;
    }

    @Test
    void listShowsBuiltInRolesThenCustomRolesOfTheTenantAndItsAncestors() {
        UUID msp = fx.tenant(fx.root(), "msp");
        UUID customer = fx.tenant(msp, "cust");
        UUID sibling = fx.tenant(msp, "sib");
        String inherited = roleName();
        String own = roleName();
        String siblings = roleName();
        created(http.postJson(roles(msp), admin, role(inherited, "SCAN_READ")));
        created(http.postJson(roles(customer), admin, role(own, "AGENT_READ", "TENANT_READ")));
        created(http.postJson(roles(sibling), admin, role(siblings, "SCAN_READ")));

        List<JsonNode> listed = all(roles(customer), admin);

        List<String> names = listed.stream().map(r -> r.get("name").asString()).toList();
        List<String> builtIn =
                Arrays.stream(BuiltInRole.values()).map(Enum::name).toList();
        assertThat(names.subList(0, builtIn.size())).isEqualTo(builtIn);
        assertThat(names.subList(builtIn.size(), names.size()))
                .containsExactlyElementsOf(List.of(inherited, own).stream()
                        .sorted(String.CASE_INSENSITIVE_ORDER)
                        .toList());
        JsonNode superAdmin = listed.get(0);
        assertThat(superAdmin.get("builtIn").asBoolean()).isTrue();
        assertThat(superAdmin.get("id").isNull()).isTrue();
        assertThat(superAdmin.get("description").asString()).isNotBlank();
        assertThat(superAdmin.get("permissions")).hasSize(Permission.values().length);
        JsonNode readonly = listed.get(BuiltInRole.READONLY.ordinal());
        assertThat(readonly.get("permissions").toString())
                .isEqualTo("[\"TENANT_READ\",\"AGENT_READ\",\"SCAN_READ\",\"COMPLIANCE_READ\"]");
        JsonNode fromMsp = listed.stream()
                .filter(r -> r.get("name").asString().equals(inherited))
                .findFirst()
                .orElseThrow();
        assertThat(fromMsp.get("tenantId").asString()).isEqualTo(msp.toString());
        assertThat(fromMsp.get("builtIn").asBoolean()).isFalse();
        assertThat(names).doesNotContain(siblings);
        assertThat(all(roles(msp), admin).stream().map(r -> r.get("name").asString()))
                .doesNotContain(own);
    }

    @Test
    void aCustomRoleDefinedOnAnMspGrantsItsPermissionsToUsersBoundOnACustomer() {
        UUID msp = fx.tenant(fx.root(), "msp");
        UUID customer = fx.tenant(msp, "cust");
        String mspAdmin = http.login(fx.user(msp, "MSP_ADMIN"), Fixtures.PASSWORD);
        String name = roleName();
        JsonNode role =
                created(http.postJson(roles(msp), mspAdmin, role(name, "TENANT_READ", "AUDIT_READ", "SCAN_READ")));
        assertThat(role.get("tenantId").asString()).isEqualTo(msp.toString());
        assertThat(role.get("permissions").toString()).isEqualTo("[\"TENANT_READ\",\"AUDIT_READ\",\"SCAN_READ\"]");
        assertThat(http.get(roles(customer) + "/" + role.get("id").asString(), mspAdmin)
                        .json()
                        .get("name")
                        .asString())
                .isEqualTo(name);

        Map<String, Object> body = newUser(name);
        created(http.postJson(users(customer), mspAdmin, body));
        JsonNode me = http.get("/api/v1/me", http.login((String) body.get("username"), NEW_PASSWORD))
                .json();

        assertThat(me.get("roles").toString()).isEqualTo("[\"" + name + "\"]");
        assertThat(me.get("permissions").toString()).isEqualTo("[\"AUDIT_READ\",\"SCAN_READ\",\"TENANT_READ\"]");
        assertThat(me.get("bindings").get(0).get("tenantId").asString()).isEqualTo(customer.toString());
    }

    @Test
    void createValidatesNamesAndPermissions() {
        UUID parent = fx.tenant(fx.root(), "names");
        UUID tenant = fx.tenant(parent, "names");
        UUID child = fx.tenant(tenant, "names");
        String name = roleName();
        JsonNode role = created(http.postJson(roles(tenant), admin, role(name, "SCAN_READ")));
        assertThat(http.get(roles(tenant) + "/" + role.get("id").asString(), admin)
                        .json()
                        .get("description")
                        .asString())
                .isEqualTo("Role " + name);
        List<AuditEvent> events = audit.about(role.get("id").asString());
        assertThat(events).extracting(AuditEvent::action).containsExactly("role.create");
        assertThat(events.get(0).changes())
                .containsEntry("name", name)
                .containsEntry("permissions", List.of("SCAN_READ"));

        assertProblem(http.postJson(roles(tenant), admin, role(name.toLowerCase(), "SCAN_READ")), 409, "conflict");
        String onParent = roleName();
        created(http.postJson(roles(parent), admin, role(onParent, "SCAN_READ")));
        assertProblem(http.postJson(roles(tenant), admin, role(onParent, "SCAN_READ")), 409, "conflict");
        String onChild = roleName();
        created(http.postJson(roles(child), admin, role(onChild, "SCAN_READ")));
        assertProblem(http.postJson(roles(tenant), admin, role(onChild, "SCAN_READ")), 409, "conflict");

        Http.Response builtIn = http.postJson(roles(tenant), admin, role("Admin", "SCAN_READ"));
        assertProblem(builtIn, 422, "validation-failed");
        assertThat(errorFields(builtIn)).containsExactly("name");
        assertThat(errorFields(http.postJson(roles(tenant), admin, role(roleName(), "SCAN_READ", "NOPE", "SCAN_READ"))))
                .containsExactly("permissions[1]", "permissions[2]");
        assertThat(errorFields(http.postJson(roles(tenant), admin, role(roleName(), "PLATFORM_ADMIN"))))
                .containsExactly("permissions[0]");
        assertThat(errorFields(http.postJson(roles(tenant), admin, role(roleName()))))
                .containsExactly("permissions");
        assertThat(errorFields(http.postJson(roles(tenant), admin, role("9lives", "SCAN_READ"))))
                .containsExactly("name");
        Map<String, Object> longDescription = role(roleName(), "SCAN_READ");
        longDescription.put("description", "d".repeat(501));
        assertThat(errorFields(http.postJson(roles(tenant), admin, longDescription)))
                .containsExactly("description");
        assertProblem(http.post(roles(tenant), admin, "application/json", "[1,2"), 400, "malformed-body");
        Map<String, Object> wrongType = role(roleName(), "SCAN_READ");
        wrongType.put("permissions", 42);
        assertProblem(http.postJson(roles(tenant), admin, wrongType), 422, "validation-failed");
    }

    @Test
    void aRoleCanOnlyCarryPermissionsItsAuthorHolds() {
        UUID tenant = fx.tenant(fx.root(), "author");
        String tenantAdmin = http.login(fx.user(tenant, "ADMIN"), Fixtures.PASSWORD);

        Http.Response refused = http.postJson(roles(tenant), tenantAdmin, role(roleName(), "SCAN_READ", "IMPERSONATE"));
        assertProblem(refused, 403, "forbidden");
        assertThat(refused.json().get("detail").asString()).contains("IMPERSONATE");

        // A role made by someone stronger cannot be changed or deleted by the tenant admin.
        String id = created(http.postJson(roles(tenant), admin, role(roleName(), "IMPERSONATE")))
                .get("id")
                .asString();
        assertProblem(
                Api.patch(http, roles(tenant) + "/" + id, tenantAdmin, Map.of("description", "x")), 403, "forbidden");
        assertProblem(Api.delete(http, roles(tenant) + "/" + id, tenantAdmin), 403, "forbidden");

        // A this-tenant-only admin cannot widen a role that applies below its tenant too.
        String localAdmin = http.login(fx.user(tenant, "ADMIN", tenant, false), Fixtures.PASSWORD);
        String narrow = created(http.postJson(roles(tenant), localAdmin, role(roleName(), "SCAN_READ")))
                .get("id")
                .asString();
        assertProblem(
                Api.patch(
                        http,
                        roles(tenant) + "/" + narrow,
                        localAdmin,
                        Map.of("permissions", List.of("SCAN_READ", "SCAN_WRITE"))),
                403,
                "forbidden");
    }

    @Test
    void patchChangesARoleAndRenamingOrDeletingWaitsUntilNobodyHoldsIt() {
        UUID tenant = fx.tenant(fx.root(), "patch");
        UUID child = fx.tenant(tenant, "patch");
        String name = roleName();
        String id = created(http.postJson(roles(tenant), admin, role(name, "SCAN_READ")))
                .get("id")
                .asString();
        String path = roles(tenant) + "/" + id;

        Http.Response changed = Api.patch(
                http,
                path,
                admin,
                Map.of("description", "Reads scans", "permissions", List.of("SCAN_READ", "AGENT_READ")));
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.json().get("permissions").toString()).isEqualTo("[\"AGENT_READ\",\"SCAN_READ\"]");
        assertThat(changed.json().get("description").asString()).isEqualTo("Reads scans");
        List<AuditEvent> updates = audit.about(id, "role.update");
        assertThat(updates).hasSize(1);
        assertThat(updates.get(0).changes()).containsOnlyKeys("description", "permissions");
        assertThat(Api.patch(http, path, admin, Map.of("description", "Reads scans"))
                        .status())
                .isEqualTo(200);
        assertThat(audit.about(id, "role.update")).hasSize(1);

        // Bound on a child tenant: neither renamed nor deleted.
        Map<String, Object> holder = newUser(name);
        String holderId =
                created(http.postJson(users(child), admin, holder)).get("id").asString();
        assertProblem(Api.patch(http, path, admin, Map.of("name", roleName())), 409, "conflict");
        Http.Response bound = Api.delete(http, path, admin);
        assertProblem(bound, 409, "conflict");
        assertThat(bound.json().get("detail").asString()).contains("bound 1 time");
        // The holder's permissions follow the definition.
        JsonNode me = http.get("/api/v1/me", http.login((String) holder.get("username"), NEW_PASSWORD))
                .json();
        assertThat(me.get("permissions").toString()).isEqualTo("[\"AGENT_READ\",\"SCAN_READ\"]");

        // Changing it through the child, where it is only inherited, is refused.
        assertProblem(Api.patch(http, roles(child) + "/" + id, admin, Map.of("description", "x")), 409, "conflict");
        assertProblem(Api.delete(http, roles(child) + "/" + id, admin), 409, "conflict");

        assertThat(Api.patch(http, users(child) + "/" + holderId, admin, Map.of("roles", List.of()))
                        .status())
                .isEqualTo(200);
        String renamed = roleName();
        assertThat(Api.patch(http, path, admin, Map.of("name", renamed))
                        .json()
                        .get("name")
                        .asString())
                .isEqualTo(renamed);
        assertThat(Api.delete(http, path, admin).status()).isEqualTo(204);
        assertProblem(http.get(path, admin), 404, "not-found");
        assertThat(audit.about(id))
                .extracting(AuditEvent::action)
                .containsExactly("role.create", "role.update", "role.update", "role.delete");
        assertThat(audit.about(id, "role.delete").get(0).changes()).containsEntry("name", renamed);
    }

    @Test
    void isolationAccessAndBadInputOnRoleEndpoints() {
        UUID parent = fx.tenant(fx.root(), "iso");
        UUID own = fx.tenant(parent, "iso");
        UUID child = fx.tenant(own, "iso");
        UUID sibling = fx.tenant(parent, "iso");
        String tenantAdmin = http.login(fx.user(own, "ADMIN"), Fixtures.PASSWORD);
        String siblingRole = created(http.postJson(roles(sibling), admin, role(roleName(), "SCAN_READ")))
                .get("id")
                .asString();

        assertThat(http.get(roles(own), tenantAdmin).status()).isEqualTo(200);
        created(http.postJson(roles(child), tenantAdmin, role(roleName(), "SCAN_READ")));
        assertProblem(http.get(roles(sibling), tenantAdmin), 404, "not-found");
        assertProblem(http.get(roles(parent), tenantAdmin), 404, "not-found");
        assertProblem(http.get(roles(sibling) + "/" + siblingRole, tenantAdmin), 404, "not-found");
        assertProblem(http.get(roles(own) + "/" + siblingRole, tenantAdmin), 404, "not-found");
        assertProblem(
                Api.patch(http, roles(own) + "/" + siblingRole, tenantAdmin, Map.of("description", "x")),
                404,
                "not-found");
        assertProblem(Api.delete(http, roles(own) + "/" + siblingRole, tenantAdmin), 404, "not-found");
        assertProblem(http.postJson(roles(sibling), tenantAdmin, role(roleName(), "SCAN_READ")), 404, "not-found");

        String readonly = http.login(fx.user(own, "READONLY"), Fixtures.PASSWORD);
        String manager = http.login(fx.user(own, "MANAGER"), Fixtures.PASSWORD);
        assertProblem(http.get(roles(own), readonly), 403, "forbidden");
        assertThat(http.get(roles(own), manager).status()).isEqualTo(200);
        assertProblem(http.postJson(roles(own), manager, role(roleName(), "SCAN_READ")), 403, "forbidden");

        String rolePath = roles(own) + "/" + UUID.randomUUID();
        assertProblem(http.get(roles(own), null), 401, "unauthenticated");
        assertProblem(http.postJson(roles(own), null, role(roleName(), "SCAN_READ")), 401, "unauthenticated");
        assertProblem(http.get(rolePath, null), 401, "unauthenticated");
        assertProblem(Api.patch(http, rolePath, null, Map.of()), 401, "unauthenticated");
        assertProblem(Api.delete(http, rolePath, null), 401, "unauthenticated");

        assertProblem(http.get(rolePath, admin), 404, "not-found");
        assertProblem(http.get(roles(own) + "/ADMIN", admin), 404, "not-found");
        assertThat(errorFields(http.get(roles(own) + "?limit=0", admin))).containsExactly("limit");
        assertThat(errorFields(http.get(roles(own) + "?limit=501", admin))).containsExactly("limit");
        assertThat(errorFields(http.get(roles(own) + "?cursor=xyz", admin))).containsExactly("cursor");
        assertThat(errorFields(
                        Api.patch(http, roles(own) + "/" + siblingRole, admin, Map.of("permissions", List.of()))))
                .containsExactly("permissions");
        assertProblem(Api.patch(http, rolePath, admin, Map.of("colour", "red")), 422, "validation-failed");
    }

    @Test
    void permissionsCatalogueListsEveryPermissionWithADescription() {
        String readonly = http.login(fx.user(fx.tenant(fx.root(), "perm"), "READONLY"), Fixtures.PASSWORD);
        Http.Response response = http.get("/api/v1/permissions", readonly);
        assertThat(response.status()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        response.json().get("items").forEach(p -> {
            names.add(p.get("name").asString());
            assertThat(p.get("description").asString()).isNotBlank();
        });
        assertThat(names)
                .containsExactlyElementsOf(
                        Arrays.stream(Permission.values()).map(Enum::name).toList());
        assertThat(response.json().get("nextCursor").isNull()).isTrue();
        assertProblem(http.get("/api/v1/permissions", null), 401, "unauthenticated");
    }
}
