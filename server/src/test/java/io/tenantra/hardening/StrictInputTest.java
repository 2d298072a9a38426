package io.tenantra.hardening;

import static io.tenantra.hardening.Hostile.assertInvalid;
import static io.tenantra.hardening.Hostile.json;
import static io.tenantra.hardening.Hostile.object;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.support.Api;
import io.tenantra.support.ConsoleClient;
import io.tenantra.support.Fixtures;
import io.tenantra.support.Http;
import io.tenantra.support.ServerTest;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 14, items 1 to 4: hostile text and hostile JSON through the real HTTP stack. Every case
 * is a 422 problem naming the field (never a 500, never a misleading 404), nothing is written, and
 * no ERROR line is logged.
 */
@ServerTest
@ExtendWith(OutputCaptureExtension.class)
class StrictInputTest {

    private static final String NUL = "\0";

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fx;

    @Autowired
    JdbcClient jdbc;

    Http http;
    UUID tenant;
    String admin;
    String platformAdmin;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        tenant = fx.tenant(fx.root(), "hard");
        admin = http.login(fx.user(tenant, "ADMIN"), Fixtures.PASSWORD);
        platformAdmin = http.loginAdmin();
    }

    private String base() {
        return "/api/v1/tenants/" + tenant;
    }

    private Http.Response put(String path, String token, String body) {
        HttpRequest.Builder request = http.request(path, token)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build());
    }

    @Test
    void aNulInTheLoginIsA422NotA500(CapturedOutput output) {
        Http.Response response = http.postJson(
                "/api/v1/auth/login", null, object("username", json("admin" + NUL), "password", json("x")));
        assertThat(assertInvalid(response, "username")).contains("NUL");
        assertThat(output.getAll()).doesNotContain("ERROR");
    }

    @Test
    void aNulInTheConsoleLoginFormIsRefusedWithoutAServerError(CapturedOutput output) {
        ConsoleClient console = new ConsoleClient(port);
        console.get("/login");
        HttpResponse<String> response =
                console.post("/login", Map.of("username", "ab" + NUL + "c", "password", "whatever-password"));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(output.getAll()).doesNotContain("ERROR");
    }

    @Test
    void aNulInAListQueryIsA422NamingTheParameter(CapturedOutput output) {
        assertInvalid(http.get(base() + "/users?q=%00", admin), "q");
        assertInvalid(http.get(base() + "/agents?q=%00", admin), "q");
        assertInvalid(http.get(base() + "/users?q=a%1b%5b31m", admin), "q");
        assertThat(output.getAll()).doesNotContain("ERROR");
    }

    @Test
    void aNulInAnyTextFieldIsA422NamingIt(CapturedOutput output) {
        UUID userId = fx.userId(fx.user(tenant, "VIEWER"));
        assertInvalid(
                Api.patch(http, base() + "/users/" + userId, admin, Map.of("displayName", "A" + NUL + "B")),
                "displayName");
        assertInvalid(
                put("/api/v1/me", admin, object("email", json("me@example.com"), "displayName", json("x" + NUL))),
                "displayName");
        assertInvalid(
                http.postJson(
                        base() + "/roles",
                        admin,
                        Map.of("name", "Nul role", "description", "d" + NUL, "permissions", List.of("SCAN_READ"))),
                "description");
        assertInvalid(http.postJson(base() + "/enrollment-tokens", admin, Map.of("name", "t" + NUL)), "name");
        assertInvalid(
                http.postJson(
                        base() + "/enrollment-tokens",
                        admin,
                        Map.of("name", "tags", "tags", Map.of("site", "a" + NUL))),
                "tags.site");
        assertInvalid(
                http.postJson(
                        base() + "/enrollment-tokens", admin, Map.of("name", "tags", "tags", Map.of("s" + NUL, "a"))),
                "tags");
        assertThat(jdbc.sql("SELECT count(*) FROM enrollment_token WHERE tenant_id = ?")
                        .param(tenant)
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(output.getAll()).doesNotContain("ERROR");
    }

    @Test
    void aTenantNameWithANulIsA422NotAMisleading404() {
        Http.Response response = http.postJson(
                "/api/v1/tenants",
                platformAdmin,
                Map.of("name", "Evil" + NUL, "slug", Fixtures.unique("nul"), "parentId", tenant.toString()));
        assertInvalid(response, "name");
        assertInvalid(Api.patch(http, "/api/v1/tenants/" + tenant, platformAdmin, Map.of("name", "x" + NUL)), "name");
    }

    @Test
    void controlCharactersLoneSurrogatesAndNonCharactersAreRefusedEverywhere() {
        String slug = Fixtures.unique("ctl");
        for (String name : List.of(
                "ok\u001b[31mRED\r\nFake log line",
                "tab\there",
                "del\u007f",
                "c1\u0085",
                "a\ud800b",
                "b\udc00a",
                "x\ufffe",
                "y\ufdd0")) {
            assertInvalid(
                    http.postJson(
                            "/api/v1/tenants",
                            platformAdmin,
                            object("name", json(name), "slug", json(slug), "parentId", json(tenant.toString()))),
                    "name");
        }
        // None of them was written: the slug is still free.
        Http.Response clean = http.postJson(
                "/api/v1/tenants", platformAdmin, Map.of("name", "Clean", "slug", slug, "parentId", tenant.toString()));
        assertThat(clean.status()).as(clean.body()).isEqualTo(201);
    }

    @Test
    void namesAreStoredInNfcAndPairedSurrogatesAreFine() {
        Http.Response created = http.postJson(
                "/api/v1/tenants",
                platformAdmin,
                Map.of(
                        "name",
                        "Cafe\u0301 \uD83D\uDE00",
                        "slug",
                        Fixtures.unique("nfc"),
                        "parentId",
                        tenant.toString()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("name").asString()).isEqualTo("Caf\u00e9 \uD83D\uDE00");
    }

    @Test
    void sizeLimitsCountCodePoints() {
        // 300 emoji are 600 UTF-16 units: over the role description's 500 if units were counted.
        String emoji = "\uD83D\uDE00".repeat(300);
        Http.Response ok = http.postJson(
                base() + "/roles",
                admin,
                Map.of("name", "Emoji role", "description", emoji, "permissions", List.of("SCAN_READ")));
        assertThat(ok.status()).as(ok.body()).isEqualTo(201);
        Http.Response tooLong = http.postJson(
                base() + "/roles",
                admin,
                Map.of(
                        "name",
                        "Emoji role two",
                        "description",
                        "\uD83D\uDE00".repeat(501),
                        "permissions",
                        List.of("SCAN_READ")));
        assertInvalid(tooLong, "description");
    }

    @Test
    void handWrittenLimitsCountCodePointsToo() {
        String smile = "\uD83D\uDE00"; // one code point, two UTF-16 units
        Http.Response named = put(
                "/api/v1/me", admin, object("email", json("me@example.com"), "displayName", json(smile.repeat(200))));
        assertThat(named.status()).as(named.body()).isEqualTo(200);
        assertInvalid(
                put(
                        "/api/v1/me",
                        admin,
                        object("email", json("me@example.com"), "displayName", json(smile.repeat(201)))),
                "displayName");
        Http.Response key = http.postJson(base() + "/api-keys", admin, Map.of("name", smile.repeat(100)));
        assertThat(key.status()).as(key.body()).isEqualTo(201);
        assertInvalid(http.postJson(base() + "/api-keys", admin, Map.of("name", smile.repeat(101))), "name");
    }

    @Test
    void duplicateKeysAreRefusedNamingTheKey(CapturedOutput output) {
        String login = "{\"username\":\"nobody\",\"username\":\"admin\",\"password\":\"" + Http.ADMIN_PASSWORD + "\"}";
        Http.Response response = http.postJson("/api/v1/auth/login", null, login);
        assertInvalid(response, "username");
        assertThat(response.body()).doesNotContain("accessToken");

        String key = "{\"name\":\"dup\",\"permissions\":[\"API_KEY_READ\"],\"permissions\":[\"TENANT_READ\"]}";
        assertInvalid(http.postJson(base() + "/api-keys", admin, key), "permissions");

        String nested = "{\"name\":\"dup\",\"tags\":{\"site\":\"a\",\"site\":\"b\"}}";
        assertInvalid(http.postJson(base() + "/enrollment-tokens", admin, nested), "tags.site");
        assertThat(output.getAll()).doesNotContain("ERROR");
    }

    @Test
    void scalarsAreNeverCoerced() {
        assertInvalid(
                http.postJson(base() + "/enrollment-tokens", admin, "{\"name\":\"t\",\"maxUses\":\"5\"}"), "maxUses");
        assertInvalid(
                http.postJson(base() + "/enrollment-tokens", admin, "{\"name\":\"t\",\"maxUses\":1.5}"), "maxUses");
        assertInvalid(http.postJson(base() + "/enrollment-tokens", admin, "{\"name\":12345}"), "name");
        assertInvalid(http.postJson(base() + "/enrollment-tokens", admin, "{\"name\":true}"), "name");
        assertThat(jdbc.sql("SELECT count(*) FROM enrollment_token WHERE tenant_id = ?")
                        .param(tenant)
                        .query(Long.class)
                        .single())
                .isZero();

        String username = fx.user(tenant, "VIEWER");
        UUID userId = fx.userId(username);
        assertInvalid(Api.patch(http, base() + "/users/" + userId, admin, "{\"active\":\"false\"}"), "active");
        assertInvalid(Api.patch(http, base() + "/users/" + userId, admin, "{\"active\":0}"), "active");
        // Still active: the refused patch changed nothing.
        assertThat(http.login(username, Fixtures.PASSWORD)).isNotBlank();
        Http.Response ok = http.postJson(base() + "/enrollment-tokens", admin, "{\"name\":\"t\",\"maxUses\":5}");
        assertThat(ok.status()).as(ok.body()).isEqualTo(201);
    }
}
