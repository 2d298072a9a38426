package io.tenantra.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.support.ServerTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 14, items 5 and 6: redirects never carry the client's Host header, and errors the servlet
 * container raises before Spring answer {@code /api/} callers with a problem, not an HTML page.
 */
@ServerTest
class ContainerEdgeTest {

    @LocalServerPort
    int port;

    @Test
    void aForgedHostHeaderNeverReachesARedirect() {
        Hostile.RawResponse response =
                Hostile.raw(port, "GET /users HTTP/1.1", Map.of("Host", "evil.example", "Accept", "text/html"));
        assertThat(response.status()).isEqualTo(302);
        String location = response.headers().get("location");
        assertThat(location).isEqualTo("/login").doesNotContain("evil.example");
    }

    @Test
    void redirectsAreRelativeEvenForTheServersOwnHost() {
        Hostile.RawResponse response = Hostile.raw(port, "GET /users HTTP/1.1", Map.of("Accept", "text/html"));
        assertThat(response.status()).isEqualTo(302);
        assertThat(response.headers().get("location")).startsWith("/").doesNotStartWith("//");
    }

    @Test
    void anEncodedSlashUnderTheApiIsAProblemNotTheContainersHtmlPage() {
        Hostile.RawResponse response =
                Hostile.raw(port, "GET /api/v1/tenants/..%2F..%2Fetc%2Fpasswd HTTP/1.1", Map.of("Accept", "*/*"));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.headers().get("content-type")).startsWith("application/problem+json");
        assertThat(response.body())
                .contains("\"type\":\"urn:tenantra:problem:bad-request\"")
                .contains("\"status\":400")
                .doesNotContain("<html");
        assertThat(response.headers().get("x-request-id")).isNotBlank();
    }

    @Test
    void anEncodedNulInTheApiPathIsAProblemToo() {
        Hostile.RawResponse response = Hostile.raw(port, "GET /api/v1/tenants/%00 HTTP/1.1", Map.of());
        assertThat(response.status()).isBetween(400, 499);
        assertThat(response.headers().get("content-type")).startsWith("application/problem+json");
    }

    @Test
    void outsideTheApiTheContainersErrorStaysAPageWithoutServerDetails() {
        Hostile.RawResponse response =
                Hostile.raw(port, "GET /users/..%2F..%2Fetc%2Fpasswd HTTP/1.1", Map.of("Accept", "text/html"));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).doesNotContain("Apache Tomcat/");
    }
}
