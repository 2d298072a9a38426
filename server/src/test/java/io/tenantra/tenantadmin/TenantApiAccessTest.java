package io.tenantra.tenantadmin;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.database.TenantTransactions;
import io.tenantra.support.Fixtures;
import io.tenantra.support.Http;
import io.tenantra.support.ServerTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Who may do what to which tenant, endpoint by endpoint: a caller bound on A (subtree) against A
 * itself, A's child C, A's sibling B and A's parent P; roles without the permission; no
 * credentials at all.
 */
@ServerTest
class TenantApiAccessTest {

    private static final String FORBIDDEN = "urn:tenantra:problem:forbidden";
    private static final String NOT_FOUND = "urn:tenantra:problem:not-found";

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fx;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TenantTransactions tx;

    TenantWorld w;

    @BeforeEach
    void setUp() {
        w = new TenantWorld(fx, new Http(port), jdbc, tx);
    }

    private static void assertProblem(Http.Response response, int status, String type) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("type").asString()).isEqualTo(type);
    }

    @Test
    void getAnswersForOwnAndDescendantTenantsOnly() {
        String token = w.login(w.readerOnA);

        Http.Response own = w.get(token, w.a);
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.json().get("id").asString()).isEqualTo(w.a.toString());
        assertThat(own.json().get("parentId").asString()).isEqualTo(w.p.toString());
        assertThat(w.get(token, w.c).status()).isEqualTo(200);
        assertProblem(w.get(token, w.b), 404, NOT_FOUND);
        assertProblem(w.get(token, w.p), 404, NOT_FOUND);
        assertProblem(w.get(token, UUID.randomUUID()), 404, NOT_FOUND);
        // The answer for an invisible tenant is the answer for one that does not exist.
        assertThat(w.get(token, w.b).json().get("detail"))
                .isEqualTo(w.get(token, UUID.randomUUID()).json().get("detail"));
    }

    @Test
    void listShowsExactlyTheReadableTenants() {
        String token = w.login(w.readerOnA);

        Http.Response list = w.http.get("/api/v1/tenants?limit=500", token);

        assertThat(list.status()).isEqualTo(200);
        List<String> ids = list.json()
                .get("items")
                .valueStream()
                .map(t -> t.get("id").asString())
                .toList();
        assertThat(ids).containsExactlyInAnyOrder(w.a.toString(), w.c.toString());
        assertThat(list.json().get("nextCursor").isNull()).isTrue();
        // Filtering by an invisible parent reveals nothing either.
        Http.Response filtered = w.http.get("/api/v1/tenants?parentId=" + w.p, token);
        assertThat(filtered.json()
                        .get("items")
                        .valueStream()
                        .map(t -> t.get("id").asString()))
                .containsExactly(w.a.toString());
        assertThat(w.http.get("/api/v1/tenants?parentId=" + w.b, token)
                        .json()
                        .get("items")
                        .isEmpty())
                .isTrue();
    }

    @Test
    void patchOfNameFollowsVisibility() {
        String token = w.login(w.adminOnA);

        assertThat(w.patch(token, w.a, Map.of("name", "Renamed A")).status()).isEqualTo(200);
        assertThat(w.patch(token, w.c, Map.of("name", "Renamed C")).status()).isEqualTo(200);
        assertProblem(w.patch(token, w.b, Map.of("name", "Renamed B")), 404, NOT_FOUND);
        assertProblem(w.patch(token, w.p, Map.of("name", "Renamed P")), 404, NOT_FOUND);
        assertThat(w.get(w.login(w.mspOnP), w.b).json().get("name").asString()).startsWith("Tenant b-");
    }

    @Test
    void statusAndPlanAreChangedFromAboveOnly() {
        String msp = w.login(w.mspOnA);

        // A's own MSP admin holds TENANT_CREATE on A, not on its parent P.
        assertProblem(w.patch(msp, w.a, Map.of("status", "SUSPENDED")), 403, FORBIDDEN);
        assertProblem(w.patch(msp, w.a, Map.of("plan", "ENTERPRISE")), 403, FORBIDDEN);
        assertThat(w.patch(msp, w.c, Map.of("plan", "ENTERPRISE")).status()).isEqualTo(200);
        assertProblem(w.patch(msp, w.b, Map.of("status", "SUSPENDED")), 404, NOT_FOUND);
        assertProblem(w.patch(msp, w.p, Map.of("status", "SUSPENDED")), 404, NOT_FOUND);
        // An ADMIN can rename but never re-plan or suspend, not even below its own tenant.
        String admin = w.login(w.adminOnA);
        assertProblem(w.patch(admin, w.c, Map.of("plan", "FREE")), 403, FORBIDDEN);
        assertProblem(w.patch(admin, w.c, Map.of("status", "SUSPENDED")), 403, FORBIDDEN);
        assertProblem(w.patch(admin, w.c, Map.of("name", "Renamed", "plan", "FREE")), 403, FORBIDDEN);
        // Nothing was half-applied: C keeps the plan the MSP admin gave it, its name and status.
        JsonNode c = w.get(msp, w.c).json();
        assertThat(c.get("plan").asString()).isEqualTo("ENTERPRISE");
        assertThat(c.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(c.get("name").asString()).startsWith("Tenant c-");
        // The MSP admin on P administers A.
        assertThat(w.patch(w.login(w.mspOnP), w.a, Map.of("plan", "BASIC")).status())
                .isEqualTo(200);
    }

    @Test
    void readOnlyUsersCannotWrite() {
        String token = w.login(w.readerOnA);

        assertProblem(w.patch(token, w.a, Map.of("name", "Nope")), 403, FORBIDDEN);
        assertProblem(w.create(token, w.a, "ro"), 403, FORBIDDEN);
        assertProblem(w.delete(token, w.c), 403, FORBIDDEN);
        // Invisible stays invisible, whatever the role.
        assertProblem(w.patch(token, w.b, Map.of("name", "Nope")), 404, NOT_FOUND);
        assertProblem(w.delete(token, w.b), 404, NOT_FOUND);
    }

    @Test
    void createNeedsTenantCreateOnTheParent() {
        String msp = w.login(w.mspOnA);

        Http.Response underOwn = w.create(msp, w.a, "own");
        assertThat(underOwn.status()).as(underOwn.body()).isEqualTo(201);
        assertThat(w.create(msp, w.c, "grand").status()).isEqualTo(201);
        assertProblem(w.create(msp, w.b, "sib"), 404, NOT_FOUND);
        assertProblem(w.create(msp, w.p, "par"), 404, NOT_FOUND);
        assertProblem(w.create(msp, UUID.randomUUID(), "nowhere"), 404, NOT_FOUND);
        // ADMIN lacks TENANT_CREATE everywhere: refused before the parent is even looked at.
        assertProblem(w.create(w.login(w.adminOnA), w.a, "adm"), 403, FORBIDDEN);
    }

    @Test
    void createBelowAVisibleParentWithoutPermissionThereIs403() {
        // MSP admin on C, and merely a reader on A: A is visible, creating below it is not allowed.
        String mixed = fx.user(w.c, "MSP_ADMIN");
        w.bind(mixed, w.c, w.a, "READONLY");
        String token = w.login(mixed);

        assertProblem(w.create(token, w.a, "x"), 403, FORBIDDEN);
        assertThat(w.create(token, w.c, "y").status()).isEqualTo(201);
        assertProblem(w.create(token, w.b, "z"), 404, NOT_FOUND);
    }

    @Test
    void deleteIsDecidedFromAbove() {
        String msp = w.login(w.mspOnA);
        UUID empty = UUID.fromString(w.create(msp, w.c, "gone").json().get("id").asString());

        assertProblem(w.delete(msp, w.a), 403, FORBIDDEN); // needs TENANT_CREATE on P
        assertProblem(w.delete(msp, w.b), 404, NOT_FOUND);
        assertProblem(w.delete(msp, w.p), 404, NOT_FOUND);
        assertProblem(w.delete(w.login(w.adminOnA), empty), 403, FORBIDDEN);
        assertThat(w.delete(msp, empty).status()).isEqualTo(204);
        assertProblem(w.get(msp, empty), 404, NOT_FOUND);
    }

    @Test
    void anonymousCallersGet401Everywhere() {
        Http http = w.http;
        String tenant = "/api/v1/tenants/" + w.a;
        List<Http.Response> responses = List.of(
                http.get("/api/v1/tenants", null),
                http.get(tenant, null),
                http.postJson("/api/v1/tenants", null, Map.of("name", "x", "slug", "xx", "parentId", w.a.toString())),
                w.patch(null, w.a, Map.of("name", "x")),
                w.delete(null, w.a));
        for (Http.Response response : responses) {
            assertProblem(response, 401, "urn:tenantra:problem:unauthenticated");
        }
    }

    @Test
    void anExpiredOrForgedTokenIs401() {
        String token = w.login(w.mspOnA);
        JsonNode ok = w.get(token, w.a).json();
        assertThat(ok.get("slug").asString()).startsWith("a-");
        assertProblem(
                w.get(token.substring(0, token.length() - 4) + "AAAA", w.a),
                401,
                "urn:tenantra:problem:unauthenticated");
    }
}
