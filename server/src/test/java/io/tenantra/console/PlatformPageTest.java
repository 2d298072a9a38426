package io.tenantra.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.support.ConsoleClient;
import io.tenantra.support.Fixtures;
import io.tenantra.support.Http;
import io.tenantra.support.ServerTest;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The platform page is for platform operators alone, and platform figures (uptime, request
 * counts, tenants by plan) appear nowhere else: not on a customer's dashboard, not on an MSP's.
 */
@ServerTest
class PlatformPageTest {

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fx;

    private ConsoleClient signedIn(String username, String password) {
        ConsoleClient client = new ConsoleClient(port);
        client.login(username, password, null);
        return client;
    }

    @Test
    void thePlatformAdminSeesTheServerOnThePlatformPageNotOnTheDashboard() {
        ConsoleClient admin = signedIn("admin", Http.ADMIN_PASSWORD);
        HttpResponse<String> platform = admin.get("/platform");
        assertThat(platform.statusCode()).isEqualTo(200);
        assertThat(platform.body())
                .contains("data-testid=\"uptime\"", "data-testid=\"chart-requests\"")
                .contains("data-testid=\"chart-tenants-by-plan\"");
        String dashboard = admin.get("/").body();
        assertThat(dashboard).contains("href=\"/platform\"");
        assertThat(dashboard).doesNotContain("data-testid=\"uptime\"", "data-testid=\"chart-requests\"");
    }

    @Test
    void aCustomersReadonlyUserGetsForbiddenAndSeesNoPlatformFigure() {
        UUID customer = fx.tenant(fx.tenant(fx.root(), "msp"), "customer");
        ConsoleClient readonly = signedIn(fx.user(customer, "READONLY"), Fixtures.PASSWORD);
        HttpResponse<String> platform = readonly.get("/platform");
        assertThat(platform.statusCode()).isEqualTo(403);
        assertThat(platform.body()).contains("data-testid=\"error-hint\"");
        String dashboard = readonly.get("/").body();
        assertThat(dashboard)
                .doesNotContain("data-testid=\"uptime\"")
                .doesNotContain("data-testid=\"chart-requests\"")
                .doesNotContain("data-testid=\"chart-tenants-by-plan\"")
                .doesNotContain("href=\"/platform\"");
    }

    @Test
    void anMspAdminIsNoPlatformOperator() {
        UUID msp = fx.tenant(fx.root(), "msp");
        ConsoleClient mspAdmin = signedIn(fx.user(msp, "MSP_ADMIN"), Fixtures.PASSWORD);
        assertThat(mspAdmin.get("/platform").statusCode()).isEqualTo(403);
        assertThat(mspAdmin.get("/").body()).doesNotContain("data-testid=\"uptime\"");
    }

    @Test
    void anonymousVisitorsAreSentToTheLoginPage() {
        HttpResponse<String> response = new ConsoleClient(port).get("/platform");
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(URI.create(response.headers().firstValue("Location").orElseThrow())
                        .getPath())
                .isEqualTo("/login");
    }
}
