package io.tenantra.tenantadmin;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.database.TenantTransactions;
import io.tenantra.support.Fixtures;
import io.tenantra.support.Http;
import io.tenantra.support.ServerTest;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Bad input to the tenant API: clear problems, and nothing written. */
@ServerTest
class TenantApiValidationTest {

    private static final String INVALID = "urn:tenantra:problem:validation-failed";
    private static final String CONFLICT = "urn:tenantra:problem:conflict";

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fx;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TenantTransactions tx;

    TenantWorld w;
    String msp;

    @BeforeEach
    void setUp() {
        w = new TenantWorld(fx, new Http(port), jdbc, tx);
        msp = w.login(w.mspOnA);
    }

    private Http.Response post(Object body) {
        return w.http.post("/api/v1/tenants", msp, "application/json", TenantWorld.json(body));
    }

    private Map<String, Object> valid() {
        Map<String, Object> body = new HashMap<>();
        body.put("name", "Valid tenant");
        body.put("slug", Fixtures.unique("v"));
        body.put("parentId", w.a.toString());
        return body;
    }

    private Map<String, Object> with(String key, Object value) {
        Map<String, Object> body = valid();
        body.put(key, value);
        return body;
    }

    private static JsonNode problem(Http.Response response, int status, String type) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        JsonNode body = response.json();
        assertThat(body.get("type").asString()).isEqualTo(type);
        return body;
    }

    private static List<String> fields(JsonNode problem) {
        return problem.get("errors")
                .valueStream()
                .map(e -> e.get("field").asString())
                .toList();
    }

    private long childrenOfA() {
        return w.http.get("/api/v1/tenants?limit=500&parentId=" + w.a, msp)
                .json()
                .get("items")
                .size();
    }

    @Test
    void malformedJsonIs400() {
        problem(post("{\"name\": "), 400, "urn:tenantra:problem:malformed-body");
        problem(w.patch(msp, w.c, "{\"name\": "), 400, "urn:tenantra:problem:malformed-body");
    }

    @Test
    void wrongTypesAre422NamingTheField() {
        assertThat(fields(problem(post(with("name", List.of("x"))), 422, INVALID)))
                .containsExactly("name");
        assertThat(fields(problem(post(with("parentId", "not-a-uuid")), 422, INVALID)))
                .containsExactly("parentId");
        assertThat(fields(problem(post(with("plan", "GOLD")), 422, INVALID))).containsExactly("plan");
        assertThat(fields(problem(post(with("settings", "yes")), 422, INVALID))).containsExactly("settings");
        assertThat(fields(problem(post(with("colour", "red")), 422, INVALID))).containsExactly("colour");
        assertThat(childrenOfA()).isEqualTo(1); // only C
    }

    @Test
    void missingAndOutOfRangeFieldsAreAllReportedAtOnce() {
        JsonNode missing = problem(post(Map.of()), 422, INVALID);
        assertThat(fields(missing)).containsExactlyInAnyOrder("name", "slug", "parentId");

        Map<String, Object> body = with("name", "x".repeat(201));
        body.put("slug", "Not_A_Slug");
        assertThat(fields(problem(post(body), 422, INVALID))).containsExactlyInAnyOrder("name", "slug");
        assertThat(fields(problem(post(with("name", "   ")), 422, INVALID))).containsExactly("name");
        for (String slug : List.of("a", "-ab", "ab_c", "ABC", "a".repeat(64), "ab c")) {
            assertThat(fields(problem(post(with("slug", slug)), 422, INVALID)))
                    .as(slug)
                    .containsExactly("slug");
        }
        assertThat(post(with("slug", Fixtures.unique("x") + "-" + "a".repeat(40)))
                        .status())
                .isEqualTo(201);
    }

    @Test
    void aDuplicateSlugIs409EvenWhenTheOtherTenantIsInvisible() {
        Map<String, Object> first = valid();
        assertThat(post(first).status()).isEqualTo(201);
        JsonNode duplicate = problem(post(with("slug", first.get("slug"))), 409, CONFLICT);
        assertThat(duplicate.get("detail").asString()).contains((String) first.get("slug"));

        String siblingSlug = w.get(w.login(w.mspOnP), w.b).json().get("slug").asString();
        problem(post(with("slug", siblingSlug)), 409, CONFLICT);
    }

    @Test
    void settingsAreCheckedKeyByKey() {
        JsonNode unknown = problem(post(with("settings", Map.of("mfaRequried", true, "theme", "dark"))), 422, INVALID);
        assertThat(fields(unknown)).containsExactlyInAnyOrder("settings.mfaRequried", "settings.theme");
        assertThat(unknown.get("detail").asString()).contains("mfaRequried", "theme");

        Map<String, Object> bad = new HashMap<>();
        bad.put("mfaRequired", "yes");
        bad.put("passwordMinLength", 7);
        bad.put("sessionTimeoutMinutes", 1441);
        bad.put("enabledModules", List.of("scans", "Bad Module"));
        assertThat(fields(problem(post(with("settings", bad)), 422, INVALID)))
                .containsExactlyInAnyOrder(
                        "settings.mfaRequired",
                        "settings.passwordMinLength",
                        "settings.sessionTimeoutMinutes",
                        "settings.enabledModules[1]");
        for (Object length : List.of(129, 8.5, "12", true)) {
            assertThat(fields(problem(post(with("settings", Map.of("passwordMinLength", length))), 422, INVALID)))
                    .as(String.valueOf(length))
                    .containsExactly("settings.passwordMinLength");
        }
        List<String> tooMany =
                IntStream.range(0, 51).mapToObj(i -> "module" + i).toList();
        assertThat(fields(problem(post(with("settings", Map.of("enabledModules", tooMany))), 422, INVALID)))
                .containsExactly("settings.enabledModules");
        assertThat(fields(problem(post(with("settings", Map.of("enabledModules", "scans"))), 422, INVALID)))
                .containsExactly("settings.enabledModules");
        assertThat(childrenOfA()).isEqualTo(1);
    }

    @Test
    void oversizedSettingsAreRefused() {
        JsonNode tooBig = problem(post(with("settings", Map.of("notes", "x".repeat(17_000)))), 422, INVALID);
        assertThat(fields(tooBig)).containsExactly("settings");
        assertThat(tooBig.get("errors").get(0).get("message").asString()).contains("16384");
        // A body over the API's limit never reaches the endpoint.
        problem(
                post(with("settings", Map.of("notes", "x".repeat(1_100_000)))),
                413,
                "urn:tenantra:problem:payload-too-large");
    }

    @Test
    void validSettingsAndBrandingAreStoredAndMergedLikeAMergePatch() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13};
        Map<String, Object> body = with(
                "settings",
                Map.of("mfaRequired", true, "passwordMinLength", 12, "enabledModules", List.of("scans", "compliance")));
        body.put(
                "branding",
                Map.of(
                        "displayName", "Acme",
                        "primaryColor", "#1A2B3C",
                        "logoUrl",
                                "data:image/png;base64," + Base64.getEncoder().encodeToString(png)));
        Http.Response created = post(body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode tenant = created.json();
        assertThat(tenant.get("settings").get("mfaRequired").asBoolean()).isTrue();
        assertThat(tenant.get("settings").get("passwordMinLength").asInt()).isEqualTo(12);
        assertThat(tenant.get("branding").get("primaryColor").asString()).isEqualTo("#1A2B3C");
        UUID id = UUID.fromString(tenant.get("id").asString());

        Map<String, Object> patch = new HashMap<>();
        patch.put("passwordMinLength", null); // back to the platform default
        patch.put("sessionTimeoutMinutes", 30);
        Http.Response merged = w.patch(msp, id, Map.of("settings", patch));
        assertThat(merged.status()).as(merged.body()).isEqualTo(200);
        JsonNode settings = merged.json().get("settings");
        assertThat(settings.get("mfaRequired").asBoolean()).isTrue();
        assertThat(settings.has("passwordMinLength")).isFalse();
        assertThat(settings.get("sessionTimeoutMinutes").asInt()).isEqualTo(30);
        assertThat(settings.get("enabledModules").valueStream().map(JsonNode::asString))
                .containsExactly("scans", "compliance");
        assertThat(merged.json().get("branding").get("displayName").asString()).isEqualTo("Acme");
    }

    @Test
    void brandingIsChecked() {
        String tooLarge = "data:image/png;base64," + Base64.getEncoder().encodeToString(new byte[100 * 1024 + 1]);
        Map<String, Object> bad = Map.of(
                "primaryColor", "red",
                "logoUrl", "http://example.com/logo.png",
                "displayName", "",
                "font", "Comic Sans");
        assertThat(fields(problem(post(with("branding", bad)), 422, INVALID)))
                .containsExactlyInAnyOrder(
                        "branding.primaryColor", "branding.logoUrl", "branding.displayName", "branding.font");
        assertThat(fields(problem(post(with("branding", Map.of("logoUrl", tooLarge))), 422, INVALID)))
                .containsExactly("branding.logoUrl");
        assertThat(fields(problem(
                        post(with("branding", Map.of("logoUrl", "data:image/png;base64,PHN2Zz4="))), 422, INVALID)))
                .containsExactly("branding.logoUrl"); // says PNG, holds SVG
        assertThat(post(with("branding", Map.of("logoUrl", "https://cdn.example.com/acme.svg")))
                        .status())
                .isEqualTo(201);
    }

    @Test
    void patchRefusesNullsBadValuesAndUnknownFields() {
        assertThat(fields(problem(w.patch(msp, w.c, "{\"name\": null}"), 422, INVALID)))
                .containsExactly("name");
        assertThat(fields(problem(w.patch(msp, w.c, "{\"parentId\": null}"), 422, INVALID)))
                .containsExactly("parentId");
        assertThat(fields(problem(w.patch(msp, w.c, Map.of("status", "DELETED")), 422, INVALID)))
                .containsExactly("status");
        assertThat(fields(problem(w.patch(msp, w.c, Map.of("name", "")), 422, INVALID)))
                .containsExactly("name");
        assertThat(fields(problem(w.patch(msp, w.c, Map.of("slug", "new-slug")), 422, INVALID)))
                .containsExactly("slug"); // slugs never change
        assertThat(fields(problem(w.patch(msp, w.c, Map.of("settings", Map.of("x", 1))), 422, INVALID)))
                .containsExactly("settings.x");
        assertThat(w.get(msp, w.c).json().get("name").asString()).startsWith("Tenant c-");
    }

    @Test
    void wrongMediaTypeIs415() {
        Http.Response response = w.http.post("/api/v1/tenants", msp, "text/plain", "name=x");
        problem(response, 415, "urn:tenantra:problem:unsupported-media-type");
    }

    @Test
    void aTenantCannotBeMovedBelowItself() {
        String fromP = w.login(w.mspOnP);
        UUID grandchild =
                UUID.fromString(w.create(fromP, w.c, "g").json().get("id").asString());

        for (UUID target : List.of(w.a, w.c, grandchild)) {
            JsonNode cycle = problem(w.patch(fromP, w.a, Map.of("parentId", target.toString())), 422, INVALID);
            assertThat(fields(cycle)).containsExactly("parentId");
            assertThat(cycle.get("errors").get(0).get("message").asString()).contains("descendants");
        }
        assertThat(w.get(fromP, w.a).json().get("parentId").asString()).isEqualTo(w.p.toString());
    }

    @Test
    void theRootCannotBeMovedSuspendedRePlannedOrDeleted() {
        String admin = w.http.loginAdmin();
        problem(w.patch(admin, w.root, Map.of("status", "SUSPENDED")), 409, CONFLICT);
        problem(w.patch(admin, w.root, Map.of("parentId", w.p.toString())), 409, CONFLICT);
        problem(w.patch(admin, w.root, Map.of("plan", "FREE")), 409, CONFLICT);
        JsonNode delete = problem(w.delete(admin, w.root), 409, CONFLICT);
        assertThat(delete.get("detail").asString()).contains("root");
        JsonNode root = w.get(admin, w.root).json();
        assertThat(root.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(root.get("parentId").isNull()).isTrue();
    }

    @Test
    void aTenantWithChildrenOrDataCannotBeDeleted() {
        String fromP = w.login(w.mspOnP);

        JsonNode withChild = problem(w.delete(fromP, w.a), 409, CONFLICT);
        assertThat(withChild.get("detail").asString()).contains("1 child tenant", "3 users", "suspend");

        fx.user(w.c, "READONLY");
        JsonNode withUser = problem(w.delete(msp, w.c), 409, CONFLICT);
        assertThat(withUser.get("detail").asString())
                .contains("1 user, 1 role binding")
                .doesNotContain("child");

        // A user of A bound on an otherwise empty tenant: the binding alone keeps it.
        UUID empty = UUID.fromString(w.create(msp, w.c, "e").json().get("id").asString());
        fx.user(w.a, "ANALYST", empty, true);
        JsonNode withBinding = problem(w.delete(msp, empty), 409, CONFLICT);
        assertThat(withBinding.get("detail").asString())
                .contains("1 role binding")
                .doesNotContain("user,");
        assertThat(w.get(msp, empty).status()).isEqualTo(200);
    }

    @Test
    void listParametersAreChecked() {
        for (String query : List.of("limit=0", "limit=501", "limit=abc", "limit=-1", "parentId=nope")) {
            problem(w.http.get("/api/v1/tenants?" + query, msp), 422, INVALID);
        }
        for (String cursor : List.of("!!!", "abc", Base64.getUrlEncoder().encodeToString("c2\u001fx".getBytes()))) {
            JsonNode bad = problem(w.http.get("/api/v1/tenants?cursor=" + cursor, msp), 422, INVALID);
            assertThat(fields(bad)).containsExactly("cursor");
        }
        assertThat(w.http.get("/api/v1/tenants?limit=500", msp).status()).isEqualTo(200);
        assertThat(w.http.get("/api/v1/tenants?limit=1", msp).status()).isEqualTo(200);
    }
}
