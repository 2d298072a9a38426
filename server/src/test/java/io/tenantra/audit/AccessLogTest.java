package io.tenantra.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tenantra.support.Fixtures;
import io.tenantra.support.Http;
import io.tenantra.support.ServerTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Every API request leaves an access-log row with its route template, in the right tenant. */
@ServerTest
class AccessLogTest {

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fx;

    @Autowired
    AccessLogBuffer buffer;

    Http http;
    UUID tenant;
    String admin;
    String adminToken;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        tenant = fx.tenant(fx.root(), "alog");
        admin = fx.user(tenant, "ADMIN");
        adminToken = http.login(admin, Fixtures.PASSWORD);
    }

    private Http.Response get(String path, String token, String requestId) {
        return http.send(http.request(path, token)
                .header("X-Request-Id", requestId)
                .GET()
                .build());
    }

    private String log(UUID where) {
        return "/api/v1/tenants/" + where + "/api-access-log";
    }

    /**
     * The row with this request id in {@code where}'s log. The row is queued just after the
     * response is sent, so the test flushes until it shows up.
     */
    private JsonNode row(UUID where, String token, String query, String requestId) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (true) {
            buffer.flush();
            Http.Response page = http.get(log(where) + query, token);
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            Optional<JsonNode> found = page.json()
                    .get("items")
                    .valueStream()
                    .filter(i -> requestId.equals(i.get("requestId").asString()))
                    .findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            assertThat(Instant.now()).as("access-log row " + requestId).isBefore(deadline);
        }
    }

    @Test
    void aRequestIsLoggedWithItsRouteTemplateCallerAndLatency() {
        String requestId = "alog-" + UUID.randomUUID();
        assertThat(get("/api/v1/tenants/" + tenant + "/audit-events?limit=1", adminToken, requestId)
                        .status())
                .isEqualTo(200);

        JsonNode row = row(tenant, adminToken, "", requestId);
        assertThat(row.get("method").asString()).isEqualTo("GET");
        assertThat(row.get("pathTemplate").asString()).isEqualTo("/api/v1/tenants/{tenantId}/audit-events");
        assertThat(row.get("status").asInt()).isEqualTo(200);
        assertThat(row.get("latencyMs").asInt()).isGreaterThanOrEqualTo(0);
        assertThat(row.get("caller").get("kind").asString()).isEqualTo("USER");
        assertThat(row.get("caller").get("id").asString()).matches("[0-9a-f-]{36}");
        assertThat(row.get("tenantId").asString()).isEqualTo(tenant.toString());
        assertThat(row.get("occurredAt").asString()).endsWith("Z");
    }

    @Test
    void deniedAndStreamedRequestsAreLoggedToo() {
        String manager = http.login(fx.user(tenant, "MANAGER"), Fixtures.PASSWORD);
        String denied = "alog-denied-" + UUID.randomUUID();
        assertThat(get("/api/v1/tenants/" + tenant + "/audit-events", manager, denied)
                        .status())
                .isEqualTo(403);
        assertThat(row(tenant, adminToken, "?status=403", denied)
                        .get("pathTemplate")
                        .asString())
                .isEqualTo("/api/v1/tenants/{tenantId}/audit-events");

        String exported = "alog-export-" + UUID.randomUUID();
        assertThat(get("/api/v1/tenants/" + tenant + "/audit-events/export", adminToken, exported)
                        .status())
                .isEqualTo(200);
        JsonNode export = row(tenant, adminToken, "?method=get", exported);
        assertThat(export.get("pathTemplate").asString()).isEqualTo("/api/v1/tenants/{tenantId}/audit-events/export");
        assertThat(export.get("status").asInt()).isEqualTo(200);
    }

    @Test
    void anonymousAndUnmatchedRequestsGoToThePlatformLog() {
        String root = http.loginAdmin();
        String anonymous = "alog-anon-" + UUID.randomUUID();
        assertThat(get("/api/v1/tenants/" + tenant + "/audit-events", null, anonymous)
                        .status())
                .isEqualTo(401);
        JsonNode row = row(fx.root(), root, "?status=401", anonymous);
        // Rejected before Spring MVC, yet logged with its route, not the raw path.
        assertThat(row.get("pathTemplate").asString()).isEqualTo("/api/v1/tenants/{tenantId}/audit-events");
        assertThat(row.get("caller").get("kind").asString()).isEqualTo("ANONYMOUS");
        assertThat(row.get("caller").get("id").isNull()).isTrue();

        String unmatched = "alog-404-" + UUID.randomUUID();
        assertThat(get("/api/v1/no/such/" + UUID.randomUUID(), root, unmatched).status())
                .isEqualTo(404);
        assertThat(row(fx.root(), root, "?status=404", unmatched)
                        .get("pathTemplate")
                        .asString())
                .isEqualTo(AccessLogServletFilter.UNMATCHED);
    }

    @Test
    void aCallerCannotWriteIntoTheLogOfATenantItCannotSee() {
        UUID other = fx.tenant(fx.root(), "alog-other");
        String probe = "alog-probe-" + UUID.randomUUID();
        assertThat(get("/api/v1/tenants/" + other + "/audit-events", adminToken, probe)
                        .status())
                .isEqualTo(404);
        JsonNode row = row(tenant, adminToken, "", probe);
        assertThat(row.get("tenantId").asString()).isEqualTo(tenant.toString());
        buffer.flush();
        String otherLog = http.get(log(other), http.loginAdmin()).body();
        assertThat(otherLog).doesNotContain(probe);
    }

    @Test
    void theLogFiltersAndPages() {
        for (int i = 0; i < 3; i++) {
            get(
                    "/api/v1/tenants/" + tenant + "/audit-events/verify",
                    adminToken,
                    "alog-page-" + i + "-" + UUID.randomUUID());
        }
        String last = "alog-page-last-" + UUID.randomUUID();
        get("/api/v1/tenants/" + tenant + "/audit-events/verify", adminToken, last);
        String template = URLEncoder.encode("/api/v1/tenants/{tenantId}/audit-events/verify", StandardCharsets.UTF_8);
        row(tenant, adminToken, "?pathTemplate=" + template, last);

        JsonNode first = http.get(log(tenant) + "?limit=2&pathTemplate=" + template, adminToken)
                .json();
        assertThat(first.get("items").size()).isEqualTo(2);
        JsonNode second = http.get(
                        log(tenant) + "?limit=2&pathTemplate=" + template + "&cursor="
                                + first.get("nextCursor").asString(),
                        adminToken)
                .json();
        assertThat(second.get("items").size()).isEqualTo(2);
        assertThat(second.get("items").get(0).get("id").asLong())
                .isLessThan(first.get("items").get(1).get("id").asLong());
        String callerId = first.get("items").get(0).get("caller").get("id").asString();
        assertThat(http.get(log(tenant) + "?caller=" + callerId + "&from=2000-01-01T00:00:00Z", adminToken)
                        .json()
                        .get("items")
                        .size())
                .isGreaterThanOrEqualTo(4);
        assertThat(http.get(log(tenant) + "?to=2000-01-01T00:00:00Z", adminToken)
                        .json()
                        .get("items")
                        .size())
                .isZero();
    }

    @Test
    void badFiltersAreRejected() {
        for (String query : List.of(
                "?status=abc",
                "?status=99",
                "?method=g3t",
                "?caller=nobody",
                "?limit=0",
                "?cursor=zzz",
                "?from=soon",
                "?pathTemplate=" + "x".repeat(301))) {
            Http.Response response = http.get(log(tenant) + query, adminToken);
            assertThat(response.status()).as(query).isEqualTo(422);
            assertThat(response.json().get("type").asString()).isEqualTo("urn:tenantra:problem:validation-failed");
        }
    }

    @Test
    void aFullBufferDropsAndCountsInsteadOfBlocking() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        AuditProperties properties = new AuditProperties(
                true, Duration.ofMinutes(5), new AuditProperties.AccessLog(2, 10, Duration.ofSeconds(1)));
        AccessLogBuffer small = new AccessLogBuffer(null, properties, meters);
        Predicate<Integer> add = i -> {
            small.add(new AccessLogEntry(tenant, Instant.now(), "GET", "/api/x", 200, 1, "ANONYMOUS", null, "r" + i));
            return true;
        };
        for (int i = 0; i < 5; i++) {
            add.test(i);
        }
        assertThat(meters.get("tenantra.access_log.dropped").counter().count()).isEqualTo(3.0);
        assertThat(meters.get("tenantra.access_log.queued").gauge().value()).isEqualTo(2.0);
    }
}
