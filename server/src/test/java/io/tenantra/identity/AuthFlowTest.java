package io.tenantra.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.support.Http;
import io.tenantra.support.ServerTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Login, /me, refresh rotation with reuse detection, logout, JWKS. */
@ServerTest
class AuthFlowTest {

    @LocalServerPort
    int port;

    Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
    }

    private JsonNode login() {
        Http.Response response =
                http.postJson("/api/v1/auth/login", null, Map.of("username", "admin", "password", Http.ADMIN_PASSWORD));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private Http.Response refresh(String refreshToken) {
        return http.postJson("/api/v1/auth/refresh", null, Map.of("refreshToken", refreshToken));
    }

    @Test
    void loginReturnsTheFixedTokenShape() {
        JsonNode tokens = login();
        assertThat(tokens.get("tokenType").asString()).isEqualTo("Bearer");
        assertThat(tokens.get("expiresIn").asLong()).isEqualTo(900);
        assertThat(tokens.get("accessToken").asString().split("\\.")).hasSize(3);
        assertThat(tokens.get("refreshToken").asString()).startsWith("rt1.");
    }

    @Test
    void meDescribesTheSignedInAdmin() {
        Http.Response me = http.get("/api/v1/me", login().get("accessToken").asString());
        assertThat(me.status()).isEqualTo(200);
        JsonNode body = me.json();
        assertThat(body.get("username").asString()).isEqualTo("admin");
        assertThat(body.get("tenantId").asString()).matches("[0-9a-f-]{36}");
        assertThat(body.get("roles").get(0).asString()).isEqualTo("SUPER_ADMIN");
        assertThat(body.get("permissions").valueStream().map(JsonNode::asString))
                .contains("PLATFORM_ADMIN", "TENANT_WRITE", "AUDIT_READ");
        assertThat(body.has("passwordHash")).isFalse();
    }

    @Test
    void unknownUserAndWrongPasswordGetTheSameAnswer() {
        Http.Response wrongPassword =
                http.postJson("/api/v1/auth/login", null, Map.of("username", "admin", "password", "not-the-password"));
        Http.Response unknownUser =
                http.postJson("/api/v1/auth/login", null, Map.of("username", "nobody", "password", "whatever"));
        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(unknownUser.status()).isEqualTo(401);
        assertThat(wrongPassword.json().get("detail"))
                .isEqualTo(unknownUser.json().get("detail"));
    }

    @Test
    void refreshRotatesAndReusingAnOldTokenRevokesTheSession() {
        String first = login().get("refreshToken").asString();

        Http.Response rotated = refresh(first);
        assertThat(rotated.status()).isEqualTo(200);
        String second = rotated.json().get("refreshToken").asString();
        assertThat(second).isNotEqualTo(first);
        assertThat(http.get("/api/v1/me", rotated.json().get("accessToken").asString())
                        .status())
                .isEqualTo(200);

        // The old token again: someone copied it. The whole session ends, the new token too.
        assertThat(refresh(first).status()).isEqualTo(401);
        assertThat(refresh(second).status()).isEqualTo(401);
    }

    @Test
    void logoutEndsTheSessionsRefreshToken() {
        JsonNode tokens = login();
        Http.Response logout =
                http.post("/api/v1/auth/logout", tokens.get("accessToken").asString(), null, "");
        assertThat(logout.status()).isEqualTo(204);
        assertThat(refresh(tokens.get("refreshToken").asString()).status()).isEqualTo(401);
    }

    @Test
    void malformedRefreshTokensAre401NotErrors() {
        for (String token : new String[] {"x", "rt1.a.b.c", "rt1." + java.util.UUID.randomUUID() + ".nope.z"}) {
            Http.Response response = refresh(token);
            assertThat(response.status()).as(token).isEqualTo(401);
        }
    }

    @Test
    void aTamperedAccessTokenIsRejected() {
        String token = login().get("accessToken").asString();
        String[] parts = token.split("\\.");
        String payload = new String(java.util.Base64.getUrlDecoder().decode(parts[1]));
        String forged = java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(payload.replace("SUPER_ADMIN", "SUPER_ADMIM").getBytes());
        assertThat(http.get("/api/v1/me", parts[0] + "." + forged + "." + parts[2])
                        .status())
                .isEqualTo(401);
    }

    @Test
    void jwksPublishesOnlyPublicKeys() {
        Http.Response jwks = http.get("/.well-known/jwks.json", null);
        assertThat(jwks.status()).isEqualTo(200);
        JsonNode key = jwks.json().get("keys").get(0);
        assertThat(key.get("kty").asString()).isEqualTo("EC");
        assertThat(key.get("crv").asString()).isEqualTo("P-256");
        assertThat(key.has("d")).as("private part").isFalse();
    }
}
