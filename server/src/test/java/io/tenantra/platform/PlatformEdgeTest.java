package io.tenantra.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.support.Http;
import io.tenantra.support.ServerTest;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** Request ids, security headers, Actuator exposure, metrics and OpenAPI. */
@ServerTest
@ExtendWith(OutputCaptureExtension.class)
class PlatformEdgeTest {

    @LocalServerPort
    int port;

    Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
    }

    @Test
    void aSaneRequestIdIsEchoedAndAHostileOneReplaced() {
        Http.Response echoed = http.send(http.request("/api/v1/ping", null)
                .header("X-Request-Id", "client-id_42.a:b")
                .GET()
                .build());
        assertThat(echoed.header("X-Request-Id")).isEqualTo("client-id_42.a:b");

        Http.Response replaced = http.send(http.request("/api/v1/ping", null)
                .header("X-Request-Id", "x".repeat(200))
                .GET()
                .build());
        assertThat(replaced.header("X-Request-Id")).matches("[0-9a-f-]{36}");

        Http.Response generated = http.get("/api/v1/ping", null);
        assertThat(generated.header("X-Request-Id")).matches("[0-9a-f-]{36}");
        assertThat(generated.header("X-Request-Id")).isNotEqualTo(replaced.header("X-Request-Id"));
    }

    @Test
    void theRequestIdIsInTheLogLinesOfThatRequest(CapturedOutput output) {
        String token = http.loginAdmin();
        http.send(http.request("/api/v1/test/boom", token)
                .header("X-Request-Id", "trace-me-123")
                .GET()
                .build());
        assertThat(output.getOut() + output.getErr())
                .containsPattern("\\[trace-me-123\\].*Unhandled error on GET /api/v1/test/boom");
    }

    @Test
    void responsesCarrySecurityHeaders() {
        Http.Response response = http.get("/api/v1/ping", null);
        assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(response.header("Content-Security-Policy"))
                .contains("default-src 'self'")
                .contains("frame-ancestors 'none'");
        assertThat(response.header("Referrer-Policy")).isEqualTo("same-origin");
        assertThat(response.header("Permissions-Policy")).contains("camera=()");
    }

    @Test
    void livenessAndReadinessAreUpAndReadinessCoversTheDatabase() {
        assertThat(http.get("/actuator/health/liveness", null)
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("UP");
        Http.Response readiness = http.get("/actuator/health/readiness", null);
        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.json().get("status").asString()).isEqualTo("UP");
    }

    @Test
    void onlyHealthAndPrometheusAreExposed() {
        for (String path :
                new String[] {"/actuator/env", "/actuator/beans", "/actuator/configprops", "/actuator/heapdump"}) {
            assertThat(http.get(path, null).status()).as(path).isIn(403, 404);
        }
        assertThat(http.get("/actuator", null).status()).isIn(403, 404);
    }

    @Test
    void prometheusReportsLatencyPercentilesPerEndpoint() throws InterruptedException {
        http.get("/api/v1/ping", null);
        // The server stops the request's timer after the response has reached the client, so on a
        // busy machine the first scrape can come before the ping's series exists: scrape until it
        // appears, within a generous bound.
        Pattern ping = Pattern.compile("http_server_requests_seconds\\{.*uri=\"/api/v1/ping\".*quantile=\"0.99\"");
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        Http.Response metrics = http.get("/actuator/prometheus", null);
        while (!ping.matcher(metrics.body()).find() && System.nanoTime() < deadline) {
            Thread.sleep(100);
            metrics = http.get("/actuator/prometheus", null);
        }
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).containsPattern(ping);
    }

    @Test
    void everyRouteFitsUnderTheLatencyTagCap(
            @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings,
            @Autowired Environment environment) {
        // Micrometer stops tagging new request URIs past the cap: routes beyond it would have no
        // latency figures at all, which is how /api/v1/ping once vanished from the scrape.
        long routes = mappings.getHandlerMethods().keySet().stream()
                .flatMap(info -> info.getPatternValues().stream())
                .distinct()
                .count();
        int cap = environment.getProperty("management.metrics.web.server.max-uri-tags", Integer.class, 100);
        assertThat(routes).as("distinct routes").isGreaterThan(100);
        assertThat(cap).as("the URI tag cap leaves room for every route").isGreaterThanOrEqualTo((int) routes * 2);
    }

    @Test
    void openApiDescribesTheApiAndItsUiIsServed() {
        Http.Response spec = http.get("/api/v1/openapi.json", null);
        assertThat(spec.status()).isEqualTo(200);
        assertThat(spec.json().get("paths").has("/api/v1/auth/login")).isTrue();
        assertThat(spec.json().get("paths").has("/api/v1/me")).isTrue();
        Http.Response ui = http.get("/api/docs", null);
        assertThat(ui.status()).isEqualTo(302);
        assertThat(ui.header("Location")).contains("swagger-ui");
    }

    @Test
    void trivialEndpointNeedsNoCredentials() {
        Http.Response response = http.get("/api/v1/ping", null);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("status").asString()).isEqualTo("ok");
    }
}
