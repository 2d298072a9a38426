package io.tenantra.tenantadmin;

import io.tenantra.database.TenantTransactions;
import io.tenantra.platform.context.TenantScope;
import io.tenantra.support.Fixtures;
import io.tenantra.support.Http;
import java.net.http.HttpRequest;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small tenant tree of its own for one test, below the root:
 *
 * <pre>
 *   root
 *    └─ P (parent)
 *        ├─ A ← the callers are bound here, on the subtree
 *        │   └─ C (A's child)
 *        └─ B (A's sibling)
 * </pre>
 *
 * with an MSP admin, an admin and a read-only user bound on A, and an MSP admin bound on P.
 */
final class TenantWorld {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    final Http http;
    final UUID root;
    final UUID p;
    final UUID a;
    final UUID c;
    final UUID b;
    final String mspOnA;
    final String adminOnA;
    final String readerOnA;
    final String mspOnP;

    private final JdbcClient jdbc;
    private final TenantTransactions tx;

    TenantWorld(Fixtures fx, Http http, JdbcClient jdbc, TenantTransactions tx) {
        this.http = http;
        this.jdbc = jdbc;
        this.tx = tx;
        this.root = fx.root();
        this.p = fx.tenant(root, "p");
        this.a = fx.tenant(p, "a");
        this.c = fx.tenant(a, "c");
        this.b = fx.tenant(p, "b");
        this.mspOnA = fx.user(a, "MSP_ADMIN");
        this.adminOnA = fx.user(a, "ADMIN");
        this.readerOnA = fx.user(a, "READONLY");
        this.mspOnP = fx.user(p, "MSP_ADMIN");
    }

    /** Gives an existing user of {@code home} a second role binding, on {@code tenant}'s subtree. */
    void bind(String username, UUID home, UUID tenant, String role) {
        tx.write(TenantScope.of(List.of(home, tenant)), () -> {
            UUID user = jdbc.sql("SELECT id FROM app_user WHERE tenant_id = ? AND username = ?")
                    .params(home, username)
                    .query(UUID.class)
                    .single();
            return jdbc.sql("INSERT INTO role_binding (id, tenant_id, user_id, role, subtree, created_at)"
                            + " VALUES (?, ?, ?, ?, true, ?)")
                    .params(UUID.randomUUID(), tenant, user, role, Timestamp.from(Instant.now()))
                    .update();
        });
    }

    String login(String username) {
        return http.login(username, Fixtures.PASSWORD);
    }

    Http.Response get(String token, UUID tenant) {
        return http.get("/api/v1/tenants/" + tenant, token);
    }

    Http.Response patch(String token, UUID tenant, Object body) {
        return http.send(http.request("/api/v1/tenants/" + tenant, token)
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json(body)))
                .build());
    }

    Http.Response delete(String token, UUID tenant) {
        return http.send(
                http.request("/api/v1/tenants/" + tenant, token).DELETE().build());
    }

    Http.Response create(String token, UUID parent, String slugPrefix) {
        return http.postJson(
                "/api/v1/tenants",
                token,
                Map.of(
                        "name",
                        "Tenant " + slugPrefix,
                        "slug",
                        Fixtures.unique(slugPrefix),
                        "parentId",
                        parent.toString()));
    }

    static String json(Object body) {
        return body instanceof String s ? s : JSON.writeValueAsString(body);
    }
}
