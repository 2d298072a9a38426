package io.tenantra.tenantadmin;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.database.TenantTransactions;
import io.tenantra.support.Fixtures;
import io.tenantra.support.Http;
import io.tenantra.support.ServerTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Suspending a tenant locks out its users and those of every tenant below it at once, tokens
 * already issued included; reactivating lets them back in. Nothing is deleted or revoked, so
 * suspension is the reversible alternative to deletion.
 */
@ServerTest
class TenantSuspensionTest {

    private static final String UNAUTHENTICATED = "urn:tenantra:problem:unauthenticated";

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fx;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TenantTransactions tx;

    TenantWorld w;
    Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        w = new TenantWorld(fx, http, jdbc, tx);
    }

    private Http.Response login(String username) {
        return http.postJson("/api/v1/auth/login", null, Map.of("username", username, "password", Fixtures.PASSWORD));
    }

    private Http.Response refresh(String refreshToken) {
        return http.postJson("/api/v1/auth/refresh", null, Map.of("refreshToken", refreshToken));
    }

    private void setStatus(String status) {
        Http.Response response = w.patch(w.login(w.mspOnP), w.a, Map.of("status", status));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().get("status").asString()).isEqualTo(status);
    }

    @Test
    void suspensionLocksOutTheTenantAndEverythingBelowItUntilReactivated() {
        String userOfC = fx.user(w.c, "READONLY");
        JsonNode tokensA = login(w.readerOnA).json();
        JsonNode tokensC = login(userOfC).json();
        String accessA = tokensA.get("accessToken").asString();
        String accessC = tokensC.get("accessToken").asString();
        assertThat(http.get("/api/v1/me", accessA).status()).isEqualTo(200);

        setStatus("SUSPENDED");

        // New logins: the same answer as a wrong password, so suspension reveals nothing.
        for (String username : new String[] {w.readerOnA, userOfC}) {
            Http.Response refused = login(username);
            assertThat(refused.status()).as(username).isEqualTo(401);
            assertThat(refused.json().get("type").asString()).isEqualTo(UNAUTHENTICATED);
            assertThat(refused.json().get("detail").asString()).isEqualTo("The username or password is incorrect.");
        }
        // Tokens issued before: refused at once on this node, for A's users and C's.
        assertThat(http.get("/api/v1/me", accessA).status()).isEqualTo(401);
        assertThat(http.get("/api/v1/me", accessC).status()).isEqualTo(401);
        assertThat(http.get("/api/v1/tenants/" + w.c, accessC).status()).isEqualTo(401);
        // Refresh tokens give no way round it.
        assertThat(refresh(tokensA.get("refreshToken").asString()).status()).isEqualTo(401);
        // The parent's administrators are not affected.
        assertThat(w.get(w.login(w.mspOnP), w.a).json().get("status").asString())
                .isEqualTo("SUSPENDED");

        setStatus("ACTIVE");

        assertThat(login(w.readerOnA).status()).isEqualTo(200);
        assertThat(login(userOfC).status()).isEqualTo(200);
        assertThat(http.get("/api/v1/me", accessA).status()).isEqualTo(200);
        assertThat(http.get("/api/v1/me", accessC).status()).isEqualTo(200);
        // The refresh token was refused, not revoked: the session resumes.
        assertThat(refresh(tokensA.get("refreshToken").asString()).status()).isEqualTo(200);
    }

    @Test
    void suspendingAChildLeavesTheParentAlone() {
        String userOfC = fx.user(w.c, "READONLY");
        Http.Response suspended = w.patch(w.login(w.mspOnA), w.c, Map.of("status", "SUSPENDED"));
        assertThat(suspended.status()).isEqualTo(200);

        assertThat(login(userOfC).status()).isEqualTo(401);
        assertThat(login(w.readerOnA).status()).isEqualTo(200);
    }

    @Test
    void nobodyCanSuspendTheirOwnTenantOrOneAboveIt() {
        // An MSP admin living in C but bound on P may administer A, which is above its own home.
        String mspLivingInC = fx.user(w.c, "MSP_ADMIN", w.p, true);
        String token = w.login(mspLivingInC);

        Http.Response response = w.patch(token, w.a, Map.of("status", "SUSPENDED"));

        assertThat(response.status()).as(response.body()).isEqualTo(409);
        assertThat(response.json().get("detail").asString()).contains("lock yourself out");
        assertThat(w.patch(token, w.b, Map.of("status", "SUSPENDED")).status()).isEqualTo(200);
    }
}
