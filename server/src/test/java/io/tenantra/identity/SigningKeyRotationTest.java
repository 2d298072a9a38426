package io.tenantra.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.platform.audit.AuditEvent;
import io.tenantra.support.AuditRecorder;
import io.tenantra.support.Fixtures;
import io.tenantra.support.Http;
import io.tenantra.support.ServerTest;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Rotating the token signing key: platform admins only, seamless for tokens already issued. */
@ServerTest
class SigningKeyRotationTest {

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fx;

    @Autowired
    AuditRecorder audit;

    Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
    }

    private static String kid(String jwt) {
        String header = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[0]));
        return header.replaceAll(".*\"kid\":\"([^\"]+)\".*", "$1");
    }

    @Test
    void rotationSignsNewTokensWithTheNewKeyWhileOldTokensKeepWorking() {
        String before = http.loginAdmin();
        Http.Response rotated = http.post("/api/v1/platform/signing-keys/rotate", before, null, "");
        assertThat(rotated.status()).as(rotated.body()).isEqualTo(201);
        String newKid = rotated.json().get("kid").asString();

        String after = http.loginAdmin();
        assertThat(kid(after)).isEqualTo(newKid).isNotEqualTo(kid(before));
        // Both verify: the old key is retired from signing, not from verifying.
        assertThat(http.get("/api/v1/me", before).status()).isEqualTo(200);
        assertThat(http.get("/api/v1/me", after).status()).isEqualTo(200);

        var jwks = http.get("/.well-known/jwks.json", null).json().get("keys");
        assertThat(jwks.valueStream().map(k -> k.get("kid").asString())).contains(newKid, kid(before));

        var keys = http.get("/api/v1/platform/signing-keys", after).json();
        assertThat(keys.get(0).get("kid").asString()).isEqualTo(newKid);
        assertThat(keys.get(0).get("retiredAt").isNull()).isTrue();

        assertThat(audit.events("signingkey.rotate", newKid)).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo(AuditEvent.Outcome.SUCCESS);
            assertThat(e.actor().name()).isEqualTo("admin");
        });
    }

    @Test
    void onlyTheRootTenantsSuperAdminsMayRotate() {
        // An ADMIN anywhere lacks PLATFORM_ADMIN; a SUPER_ADMIN bound below the root is not the platform.
        var customer = fx.tenant(fx.root(), "rotate");
        String admin = http.login(fx.user(customer, "ADMIN"), Fixtures.PASSWORD);
        String misplacedSuper = http.login(fx.user(customer, "SUPER_ADMIN"), Fixtures.PASSWORD);
        assertThat(http.post("/api/v1/platform/signing-keys/rotate", admin, null, "")
                        .status())
                .isEqualTo(403);
        assertThat(http.post("/api/v1/platform/signing-keys/rotate", misplacedSuper, null, "")
                        .status())
                .isEqualTo(404);
        assertThat(http.post("/api/v1/platform/signing-keys/rotate", null, null, "")
                        .status())
                .isEqualTo(401);
    }
}
