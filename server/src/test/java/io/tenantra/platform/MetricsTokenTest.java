package io.tenantra.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.support.Http;
import io.tenantra.support.ServerTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/** With TENANTRA_METRICS_TOKEN set, Prometheus metrics need the token; health stays open. */
@ServerTest
@TestPropertySource(properties = "tenantra.metrics-token=scrape-secret")
class MetricsTokenTest {

    @LocalServerPort
    int port;

    @Test
    void metricsNeedTheTokenWhenOneIsConfigured() {
        Http http = new Http(port);
        Http.Response anonymous = http.get("/actuator/prometheus", null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.header("Content-Type")).startsWith("application/problem+json");
        assertThat(http.get("/actuator/prometheus", "wrong").status()).isEqualTo(401);
        assertThat(http.get("/actuator/prometheus", "scrape-secret").status()).isEqualTo(200);
        assertThat(http.get("/actuator/health/readiness", null).status()).isEqualTo(200);
    }
}
