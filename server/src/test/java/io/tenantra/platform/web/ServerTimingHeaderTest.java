package io.tenantra.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.support.ConsoleClient;
import io.tenantra.support.Fixtures;
import io.tenantra.support.Http;
import io.tenantra.support.ServerTest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every console page and API response of the running server says how long it took
 * ({@code Server-Timing: app;dur=<ms>}): pages, fragments, CSV exports, API answers and problems,
 * redirects to the login page.
 */
@ServerTest
class ServerTimingHeaderTest {

    private static final String VALUE = "app;dur=\\d+\\.\\d";

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fx;

    @Test
    void consolePagesFragmentsExportsAndRedirectsCarryIt() {
        UUID tenant = fx.tenant(fx.root(), "timing");
        ConsoleClient console = new ConsoleClient(port);
        HttpResponse<String> login = console.get("/login");
        assertThat(login.headers().firstValue("Server-Timing"))
                .hasValueSatisfying(v -> assertThat(v).matches(VALUE));
        // Not signed in: the redirect to the login page.
        assertThat(console.get("/agents").headers().firstValue("Server-Timing"))
                .hasValueSatisfying(v -> assertThat(v).matches(VALUE));

        console.login(fx.user(tenant, "ADMIN"), Fixtures.PASSWORD, null);
        for (String path : new String[] {
            "/",
            "/agents?tenant=" + tenant,
            "/agents/rows?tenant=" + tenant,
            "/agents?format=csv&tenant=" + tenant,
            "/audit-logs/export?tenant=" + tenant,
            "/users?tenant=" + tenant
        }) {
            HttpResponse<String> response = console.get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.headers().firstValue("Server-Timing"))
                    .as(path)
                    .hasValueSatisfying(v -> assertThat(v).matches(VALUE));
        }
        // An error page too.
        HttpResponse<String> missing = console.get("/agents?tenant=" + UUID.randomUUID());
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Server-Timing")).isPresent();
    }

    @Test
    void apiAnswersAndProblemsCarryIt() {
        Http http = new Http(port);
        assertThat(http.get("/api/v1/ping", null).header("Server-Timing")).matches(VALUE);
        Http.Response unauthorized = http.get("/api/v1/me", null);
        assertThat(unauthorized.status()).isEqualTo(401);
        assertThat(unauthorized.header("Server-Timing")).matches(VALUE);
        Http.Response me = http.get("/api/v1/me", http.loginAdmin());
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.header("Server-Timing")).matches(VALUE);
    }
}
