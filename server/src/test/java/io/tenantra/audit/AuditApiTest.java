package io.tenantra.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.support.Fixtures;
import io.tenantra.support.Http;
import io.tenantra.support.ServerTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Reading the trail over HTTP: filters, pagination, one event, an MSP's subtree, and who may
 * read what. The tree: root → msp → customer, root → sibling.
 */
@ServerTest
class AuditApiTest {

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fx;

    Http http;
    UUID msp;
    UUID customer;
    UUID sibling;
    String mspAdmin;
    String customerAdmin;
    String customerAdminName;

    @BeforeEach
    void world() {
        http = new Http(port);
        msp = fx.tenant(fx.root(), "msp");
        customer = fx.tenant(msp, "cust");
        sibling = fx.tenant(fx.root(), "sib");
        mspAdmin = http.login(fx.user(msp, "MSP_ADMIN"), Fixtures.PASSWORD);
        customerAdminName = fx.user(customer, "ADMIN");
        customerAdmin = http.login(customerAdminName, Fixtures.PASSWORD);
        rename(msp, mspAdmin, "Msp One");
        rename(msp, mspAdmin, "Msp Two");
        for (int i = 1; i <= 3; i++) {
            rename(customer, customerAdmin, "Customer " + i);
        }
    }

    private void rename(UUID tenant, String token, String name) {
        Http.Response response =
                http.postJson("/api/v1/tenants/" + tenant + "/test-audit/rename", token, Map.of("name", name));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    private String events(UUID tenant) {
        return "/api/v1/tenants/" + tenant + "/audit-events";
    }

    private JsonNode list(UUID tenant, String token, String query) {
        Http.Response response = http.get(events(tenant) + query, token);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static List<String> field(JsonNode page, String name) {
        return page.get("items").valueStream().map(i -> i.get(name).asString()).toList();
    }

    @Test
    void listsTheTenantsEventsNewestFirstWithEveryField() {
        JsonNode page = list(customer, customerAdmin, "");
        assertThat(page.get("nextCursor").isNull()).isTrue();
        List<JsonNode> items = page.get("items").valueStream().toList();
        assertThat(items).hasSize(3);
        assertThat(items).extracting(i -> i.get("seq").asLong()).containsExactly(3L, 2L, 1L);
        JsonNode newest = items.get(0);
        assertThat(newest.get("tenantId").asString()).isEqualTo(customer.toString());
        assertThat(newest.get("action").asString()).isEqualTo("test.tenant.rename");
        assertThat(newest.get("actor").get("kind").asString()).isEqualTo("USER");
        assertThat(newest.get("actor").get("name").asString()).isEqualTo(customerAdminName);
        assertThat(newest.get("targetType").asString()).isEqualTo("tenant");
        assertThat(newest.get("targetId").asString()).isEqualTo(customer.toString());
        assertThat(newest.get("changes").get("name").asString()).isEqualTo("Customer 3");
        assertThat(newest.get("changes").get("password").asString()).isEqualTo("[redacted]");
        assertThat(newest.get("outcome").asString()).isEqualTo("SUCCESS");
        assertThat(newest.get("ip").asString()).isEqualTo("127.0.0.1");
        assertThat(newest.get("requestId").asString()).isNotBlank();
        assertThat(newest.get("occurredAt").asString()).matches("\\d{4}-\\d{2}-\\d{2}T.*Z");
        assertThat(newest.get("hash").asString()).hasSize(64);
        assertThat(newest.get("prevHash").asString())
                .isEqualTo(items.get(1).get("hash").asString());
    }

    @Test
    void pagesFollowTheCursorWithoutOverlap() {
        JsonNode first = list(customer, customerAdmin, "?limit=2");
        assertThat(field(first, "id")).hasSize(2);
        String cursor = first.get("nextCursor").asString();
        JsonNode second = list(customer, customerAdmin, "?limit=2&cursor=" + cursor);
        assertThat(field(second, "id")).hasSize(1).doesNotContainAnyElementsOf(field(first, "id"));
        assertThat(second.get("nextCursor").isNull()).isTrue();
    }

    @Test
    void filtersByActionActorTargetOutcomeAndTime() {
        // A denial in the customer's trail: a manager may not read it.
        String manager = http.login(fx.user(customer, "MANAGER"), Fixtures.PASSWORD);
        assertThat(http.get(events(customer), manager).status()).isEqualTo(403);

        assertThat(field(list(customer, customerAdmin, "?action=test.tenant.rename"), "id"))
                .hasSize(3);
        assertThat(field(list(customer, customerAdmin, "?action=test.*"), "id")).hasSize(3);
        assertThat(field(list(customer, customerAdmin, "?action=test"), "id")).isEmpty();
        assertThat(field(list(customer, customerAdmin, "?outcome=denied"), "action"))
                .containsExactly("access.denied");
        assertThat(field(list(customer, customerAdmin, "?actor=" + customerAdminName.toUpperCase()), "id"))
                .hasSize(3);
        String actorId = list(customer, customerAdmin, "?action=test.tenant.rename&limit=1")
                .get("items")
                .get(0)
                .get("actor")
                .get("id")
                .asString();
        assertThat(field(list(customer, customerAdmin, "?actor=" + actorId), "id"))
                .hasSize(3);
        assertThat(field(list(customer, customerAdmin, "?targetType=tenant&targetId=" + customer), "id"))
                .hasSize(3);
        assertThat(field(list(customer, customerAdmin, "?targetId=" + UUID.randomUUID()), "id"))
                .isEmpty();
        assertThat(field(list(customer, customerAdmin, "?from=2999-01-01T00:00:00Z"), "id"))
                .isEmpty();
        assertThat(field(list(customer, customerAdmin, "?to=2000-01-01T00:00:00Z"), "id"))
                .isEmpty();
        String window = "?from=" + enc("2000-01-01T00:00:00+01:00") + "&to=2999-01-01T00:00:00Z";
        assertThat(field(list(customer, customerAdmin, window), "id")).hasSize(4);
    }

    @Test
    void readsOneEventOfItsOwnTenantOnly() {
        JsonNode newest = list(customer, customerAdmin, "?limit=1").get("items").get(0);
        String id = newest.get("id").asString();

        Http.Response one = http.get(events(customer) + "/" + id, customerAdmin);
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json().get("hash").asString())
                .isEqualTo(newest.get("hash").asString());

        // The MSP admin sees the customer, but the event is not the MSP's own.
        assertThat(http.get(events(msp) + "/" + id, mspAdmin).status()).isEqualTo(404);
        assertThat(http.get(events(customer) + "/" + UUID.randomUUID(), customerAdmin)
                        .status())
                .isEqualTo(404);
        assertProblem(http.get(events(customer) + "/not-a-uuid", customerAdmin), 404, "not-found");
    }

    @Test
    void anMspAdminReadsItsSubtreeAndAChildNeverItsParent() {
        JsonNode own = list(msp, mspAdmin, "");
        assertThat(field(own, "tenantId")).containsOnly(msp.toString()).hasSize(2);

        JsonNode subtree = list(msp, mspAdmin, "?includeDescendants=true");
        assertThat(field(subtree, "tenantId"))
                .containsOnly(msp.toString(), customer.toString())
                .hasSize(5);

        // The subtree pages like any other list.
        List<String> paged = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = list(
                    msp, mspAdmin, "?includeDescendants=true&limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
            paged.addAll(field(page, "id"));
            cursor = page.get("nextCursor").isNull()
                    ? null
                    : page.get("nextCursor").asString();
        } while (cursor != null);
        assertThat(paged).containsExactlyInAnyOrderElementsOf(field(subtree, "id"));

        assertThat(http.get(events(customer), mspAdmin).status()).isEqualTo(200);
        assertThat(http.get(events(msp), customerAdmin).status()).isEqualTo(404);
        assertThat(field(list(customer, customerAdmin, "?includeDescendants=true"), "tenantId"))
                .containsOnly(customer.toString());
    }

    @Test
    void everyEndpointIsIsolatedByTenantAndRole() {
        String siblingAdmin = http.login(fx.user(sibling, "ADMIN"), Fixtures.PASSWORD);
        String manager = http.login(fx.user(customer, "MANAGER"), Fixtures.PASSWORD);
        String analyst = http.login(fx.user(customer, "ANALYST"), Fixtures.PASSWORD);
        String eventId = list(customer, customerAdmin, "?limit=1")
                .get("items")
                .get(0)
                .get("id")
                .asString();
        for (String path : List.of(
                events(customer),
                events(customer) + "/" + eventId,
                events(customer) + "/export",
                events(customer) + "/verify",
                "/api/v1/tenants/" + customer + "/api-access-log")) {
            assertThat(http.get(path, customerAdmin).status()).as(path).isEqualTo(200);
            assertThat(http.get(path, mspAdmin).status()).as(path).isEqualTo(200);
            assertProblem(http.get(path, siblingAdmin), 404, "not-found");
            assertProblem(
                    http.get(path.replace(customer.toString(), UUID.randomUUID().toString()), customerAdmin),
                    404,
                    "not-found");
            assertProblem(http.get(path, manager), 403, "forbidden");
            assertProblem(http.get(path, analyst), 403, "forbidden");
            assertProblem(http.get(path, null), 401, "unauthenticated");
        }
    }

    @Test
    void badInputIsRejectedWithTheFieldAtFault() {
        assertInvalid("?from=yesterday", "from");
        assertInvalid("?to=2026-13-01T00:00:00Z", "to");
        assertInvalid("?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", "to");
        assertInvalid("?limit=0", "limit");
        assertInvalid("?limit=501", "limit");
        assertInvalid("?limit=ten", "limit");
        assertInvalid("?cursor=!!!", "cursor");
        assertInvalid("?cursor=" + b64("s|not-a-number"), "cursor");
        assertInvalid("?cursor=" + b64("x|1"), "cursor");
        // A cursor of a subtree listing does not fit a single tenant's list.
        assertInvalid("?cursor=" + b64("m|1|" + customer + "|1"), "cursor");
        assertInvalid("?outcome=MAYBE", "outcome");
        assertInvalid("?action=" + enc("drop table;"), "action");
        assertInvalid("?actor=" + "a".repeat(201), "actor");
        assertInvalid("?includeDescendants=perhaps", "includeDescendants");
        Http.Response export = http.get(events(customer) + "/export?from=never", customerAdmin);
        assertProblem(export, 422, "validation-failed");
    }

    @Test
    void theCheckpointKeysArePublic() {
        Http.Response keys = http.get("/api/v1/audit/keys", null);
        assertThat(keys.status()).isEqualTo(200);
        JsonNode first = keys.json().get("keys").get(0);
        assertThat(first.get("kid").asString()).startsWith("ed25519-");
        assertThat(first.get("algorithm").asString()).isEqualTo("Ed25519");
        assertThat(Ed25519Keys.kidOf(Ed25519Keys.decode(first.get("publicKey").asString())))
                .isEqualTo(first.get("kid").asString());
    }

    private void assertInvalid(String query, String field) {
        Http.Response response = http.get(events(customer) + query, customerAdmin);
        assertProblem(response, 422, "validation-failed");
        assertThat(response.json()
                        .get("errors")
                        .valueStream()
                        .map(e -> e.get("field").asString()))
                .as(query)
                .contains(field);
    }

    private static void assertProblem(Http.Response response, int status, String type) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("type").asString()).isEqualTo("urn:tenantra:problem:" + type);
    }

    private static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
