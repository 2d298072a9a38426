package io.tenantra.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.database.TenantTransactions;
import io.tenantra.platform.context.TenantScope;
import io.tenantra.support.Fixtures;
import io.tenantra.support.Http;
import io.tenantra.support.ServerTest;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Every audited fact is stored exactly once, in the transaction of its change: a write leaves one
 * event with the right fields, a write that fails leaves none, and facts that are not changes
 * (denials, logouts, refreshes) are stored too.
 */
@ServerTest
class AuditRecordingTest {

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fx;

    @Autowired
    StoredEvents stored;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TenantTransactions tx;

    Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
    }

    private Http.Response rename(UUID tenant, String token, String path, String name, String requestId) {
        HttpRequest request = http.request("/api/v1/tenants/" + tenant + "/test-audit/" + path, token)
                .header("Content-Type", "application/json")
                .header("X-Request-Id", requestId)
                .header("User-Agent", "audit-test-agent/1.0")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\"}"))
                .build();
        return http.send(request);
    }

    @Test
    void aWriteStoresExactlyOneEventWithItsFields() {
        UUID tenant = fx.tenant(fx.root(), "rec");
        String admin = fx.user(tenant, "ADMIN");
        String token = http.login(admin, Fixtures.PASSWORD);
        String requestId = "req-" + UUID.randomUUID();

        Http.Response response = rename(tenant, token, "rename", "Renamed Ltd", requestId);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        List<ChainEvent> events = stored.of(tenant, "test.tenant.rename");
        assertThat(events).hasSize(1);
        ChainEvent event = events.get(0);
        assertThat(event.tenantId()).isEqualTo(tenant);
        assertThat(event.actorKind()).isEqualTo("USER");
        assertThat(event.actorName()).isEqualTo(admin);
        assertThat(event.actorId()).isNotNull();
        assertThat(event.impersonatorId()).isNull();
        assertThat(event.targetType()).isEqualTo("tenant");
        assertThat(event.targetId()).isEqualTo(tenant.toString());
        assertThat(event.outcome()).isEqualTo("SUCCESS");
        assertThat(event.ip()).isEqualTo("127.0.0.1");
        assertThat(event.userAgent()).isEqualTo("audit-test-agent/1.0");
        assertThat(event.requestId()).isEqualTo(requestId);
        // Secrets are redacted even when a publisher forgets; identifiers are not secrets.
        assertThat(event.changes())
                .isEqualTo(
                        "{\"details\":{\"apiToken\":\"[redacted]\",\"count\":3,\"ratio\":1.5,\"tokenId\":\"not-secret\"},"
                                + "\"name\":\"Renamed Ltd\",\"password\":\"[redacted]\"}");
        // The stored hash is the one the canonical form defines, linked to its predecessor.
        assertThat(event.computeHash()).isEqualTo(event.hash());
        List<ChainEvent> chain = stored.of(tenant);
        assertThat(chain.get(0).prevHash()).isEqualTo(ChainEvent.GENESIS);
        assertThat(chain)
                .extracting(ChainEvent::seq)
                .containsExactlyElementsOf(
                        LongStream.rangeClosed(1, chain.size()).boxed().toList());
    }

    @Test
    void aFailedWriteLeavesNeitherTheChangeNorItsEvent() {
        UUID tenant = fx.tenant(fx.root(), "recfail");
        String token = http.login(fx.user(tenant, "ADMIN"), Fixtures.PASSWORD);
        int before = stored.of(tenant).size();

        Http.Response response = rename(tenant, token, "rename-then-fail", "Never Saved", "req-fail");

        assertThat(response.status()).isEqualTo(409);
        assertThat(stored.of(tenant, "test.tenant.rename")).isEmpty();
        assertThat(stored.of(tenant)).hasSize(before);
        String name = tx.read(
                TenantScope.of(tenant),
                () -> jdbc.sql("SELECT name FROM tenant WHERE id = ?")
                        .param(tenant)
                        .query(String.class)
                        .single());
        assertThat(name).isNotEqualTo("Never Saved");
    }

    @Test
    void aPermissionDenialIsStoredWithoutAnyTransactionOfItsOwn() {
        UUID tenant = fx.tenant(fx.root(), "recdeny");
        String manager = fx.user(tenant, "MANAGER");
        String token = http.login(manager, Fixtures.PASSWORD);

        Http.Response response = http.get("/api/v1/tenants/" + tenant + "/audit-events", token);

        assertThat(response.status()).isEqualTo(403);
        List<ChainEvent> denials = stored.of(tenant, "access.denied");
        assertThat(denials).hasSize(1);
        assertThat(denials.get(0).outcome()).isEqualTo("DENIED");
        assertThat(denials.get(0).actorName()).isEqualTo(manager);
        assertThat(denials.get(0).changes()).isEqualTo("{\"permission\":\"AUDIT_READ\"}");
    }

    @Test
    void refreshAndLogoutAreEachStoredOnce() {
        UUID tenant = fx.tenant(fx.root(), "recauth");
        String user = fx.user(tenant, "ANALYST");
        JsonNode tokens = http.postJson(
                        "/api/v1/auth/login", null, Map.of("username", user, "password", Fixtures.PASSWORD))
                .json();

        Http.Response refreshed = http.postJson(
                "/api/v1/auth/refresh",
                null,
                Map.of("refreshToken", tokens.get("refreshToken").asString()));
        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(stored.of(tenant, "auth.refresh")).hasSize(1);
        assertThat(stored.of(tenant, "auth.refresh").get(0).actorName()).isEqualTo(user);

        Http.Response logout = http.postJson(
                "/api/v1/auth/logout", refreshed.json().get("accessToken").asString(), "{}");
        assertThat(logout.status()).isEqualTo(204);
        List<ChainEvent> logouts = stored.of(tenant, "auth.logout");
        assertThat(logouts).hasSize(1);
        assertThat(logouts.get(0).targetType()).isEqualTo("session");
    }

    @Test
    void concurrentWritesOfOneTenantFormOneUnbrokenChain() throws Exception {
        UUID tenant = fx.tenant(fx.root(), "recpar");
        String token = http.login(fx.user(tenant, "ADMIN"), Fixtures.PASSWORD);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Http.Response>> results = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                int n = i;
                results.add(pool.submit(() -> rename(tenant, token, "rename", "Parallel " + n, "req-par-" + n)));
            }
            for (Future<Http.Response> result : results) {
                assertThat(result.get().status()).isEqualTo(200);
            }
        } finally {
            pool.shutdown();
        }
        List<ChainEvent> chain = stored.of(tenant);
        assertThat(chain.stream().filter(e -> e.action().equals("test.tenant.rename")))
                .hasSize(40);
        assertThat(chain)
                .extracting(ChainEvent::seq)
                .containsExactlyElementsOf(
                        LongStream.rangeClosed(1, chain.size()).boxed().toList());
        for (int i = 1; i < chain.size(); i++) {
            assertThat(chain.get(i).prevHash()).isEqualTo(chain.get(i - 1).hash());
        }
        JsonNode verdict = http.get("/api/v1/tenants/" + tenant + "/audit-events/verify", http.loginAdmin())
                .json();
        assertThat(verdict.get("valid").asBoolean()).as(verdict.toString()).isTrue();
        assertThat(verdict.get("eventsChecked").asLong()).isEqualTo(chain.size());
    }
}
