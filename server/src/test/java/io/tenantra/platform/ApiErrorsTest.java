package io.tenantra.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.support.Http;
import io.tenantra.support.ServerTest;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Every error status of the API edge answers with an RFC 9457 problem body. */
@ServerTest
class ApiErrorsTest {

    @LocalServerPort
    int port;

    Http http;
    String token;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        token = http.loginAdmin();
    }

    private static void assertProblem(Http.Response response, int status, String type) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        JsonNode body = response.json();
        assertThat(body.get("type").asString()).isEqualTo("urn:tenantra:problem:" + type);
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("title").asString()).isNotBlank();
        assertThat(body.get("detail").asString()).isNotBlank();
        assertThat(body.get("requestId").asString()).isEqualTo(response.header("X-Request-Id"));
    }

    @Test
    void unknownRouteIs404() {
        Http.Response response = http.get("/api/v1/no-such-thing", token);
        assertProblem(response, 404, "not-found");
        assertThat(response.json().get("instance").asString()).isEqualTo("/api/v1/no-such-thing");
    }

    @Test
    void wrongMethodIs405WithAllowHeader() {
        Http.Response response = http.get("/api/v1/auth/login", token);
        assertProblem(response, 405, "method-not-allowed");
        assertThat(response.header("Allow")).isEqualTo("POST");
    }

    @Test
    void wrongMediaTypeIs415() {
        Http.Response response = http.post("/api/v1/auth/login", null, "text/plain", "username=admin");
        assertProblem(response, 415, "unsupported-media-type");
    }

    @Test
    void malformedJsonIs400WithItsPosition() {
        Http.Response response = http.post("/api/v1/auth/login", null, "application/json", "{\"username\": ");
        assertProblem(response, 400, "malformed-body");
        assertThat(response.json().get("detail").asString()).contains("not valid JSON");
    }

    @Test
    void missingFieldsAre422WithOneErrorPerField() {
        Http.Response response = http.postJson("/api/v1/auth/login", null, "{}");
        assertProblem(response, 422, "validation-failed");
        assertThat(response.json()
                        .get("errors")
                        .valueStream()
                        .map(e -> e.get("field").asString()))
                .containsExactlyInAnyOrder("username", "password");
    }

    @Test
    void wrongTypeAndUnknownFieldAre422NamingTheField() {
        Http.Response wrongType =
                http.postJson("/api/v1/auth/login", null, "{\"username\": [\"a\"], \"password\": \"x\"}");
        assertProblem(wrongType, 422, "validation-failed");
        assertThat(wrongType.json().get("errors").get(0).get("field").asString())
                .isEqualTo("username");

        Http.Response unknown = http.postJson(
                "/api/v1/auth/login", null, "{\"username\": \"a\", \"password\": \"x\", \"admin\": true}");
        assertProblem(unknown, 422, "validation-failed");
        assertThat(unknown.json().get("errors").get(0).get("field").asString()).isEqualTo("admin");
    }

    @Test
    void oversizedBodyIs413WhetherDeclaredOrStreamed() {
        String huge = "{\"username\": \"" + "a".repeat(1_100_000) + "\", \"password\": \"x\"}";
        assertProblem(http.postJson("/api/v1/auth/login", null, huge), 413, "payload-too-large");

        // Chunked: no Content-Length up front, so the limit must trip while reading.
        HttpRequest chunked = http.request("/api/v1/auth/login", null)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(huge.getBytes(java.nio.charset.StandardCharsets.UTF_8))))
                .build();
        assertProblem(http.send(chunked), 413, "payload-too-large");
    }

    @Test
    void internalErrorIs500WithoutInternals() {
        Http.Response response = http.get("/api/v1/test/boom", token);
        assertProblem(response, 500, "internal-error");
        assertThat(response.body()).doesNotContain("secret internal detail", "IllegalStateException", "at io.");
    }

    @Test
    void missingCredentialsAre401() {
        Http.Response response = http.get("/api/v1/me", null);
        assertProblem(response, 401, "unauthenticated");
        Http.Response garbage = http.get("/api/v1/me", "not-a-token");
        assertProblem(garbage, 401, "unauthenticated");
    }
}
