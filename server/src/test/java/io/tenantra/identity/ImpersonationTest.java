package io.tenantra.identity;

import static io.tenantra.identity.AccessFixtures.createKey;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.platform.audit.Actor;
import io.tenantra.platform.audit.AuditEvent;
import io.tenantra.support.AuditRecorder;
import io.tenantra.support.Fixtures;
import io.tenantra.support.Http;
import io.tenantra.support.ServerTest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code POST /api/v1/tenants/{tenantId}/users/{userId}/impersonate}: the token, the rules, the trail. */
@ServerTest
class ImpersonationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fx;

    @Autowired
    AccessFixtures access;

    @Autowired
    AuditRecorder audit;

    Http http;
    UUID parent;
    UUID tenant;
    UUID sibling;
    String msp;
    String mspToken;
    String target;

    @BeforeEach
    void world() {
        http = new Http(port);
        parent = fx.tenant(fx.root(), "imp-parent");
        tenant = fx.tenant(parent, "imp");
        sibling = fx.tenant(parent, "imp-sibling");
        msp = fx.user(parent, "MSP_ADMIN");
        mspToken = http.login(msp, Fixtures.PASSWORD);
        target = fx.user(tenant, "ADMIN");
    }

    private String path(UUID t, UUID user) {
        return "/api/v1/tenants/" + t + "/users/" + user + "/impersonate";
    }

    private Http.Response impersonate(String token, UUID t, String username, Object body) {
        return http.postJson(path(t, access.userId(username)), token, body);
    }

    private Http.Response impersonate(String token, String username) {
        return impersonate(token, tenant, username, Map.of("reason", "Ticket 4711: cannot see the scans"));
    }

    private static void assertProblem(Http.Response response, int status, String type) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.json().get("type").asString()).isEqualTo("urn:tenantra:problem:" + type);
    }

    private static JsonNode claims(String jwt) {
        return JSON.readTree(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
    }

    @Test
    void theTokenActsAsTheTargetAndNamesTheImpersonator() {
        Http.Response response = impersonate(
                mspToken, tenant, target, Map.of("reason", "Ticket 4711: cannot see the scans", "minutes", 5));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.get("tokenType").asString()).isEqualTo("Bearer");
        assertThat(body.get("expiresIn").asLong()).isEqualTo(300);
        assertThat(body.has("refreshToken")).isFalse();
        assertThat(body.get("impersonating").get("username").asString()).isEqualTo(target);
        assertThat(body.get("impersonating").get("id").asString())
                .isEqualTo(access.userId(target).toString());

        String token = body.get("accessToken").asString();
        JsonNode claims = claims(token);
        assertThat(claims.get("sub").asString()).isEqualTo(access.userId(target).toString());
        assertThat(claims.get("act").get("sub").asString())
                .isEqualTo(access.userId(msp).toString());
        assertThat(claims.get("act").get("usr").asString()).isEqualTo(msp);
        assertThat(claims.get("exp").asLong() - claims.get("iat").asLong()).isLessThanOrEqualTo(300);

        JsonNode me = http.get("/api/v1/me", token).json();
        assertThat(me.get("username").asString()).isEqualTo(target);
        assertThat(me.get("roles").get(0).asString()).isEqualTo("ADMIN");
        assertThat(me.get("impersonatedBy").get("id").asString())
                .isEqualTo(access.userId(msp).toString());
        assertThat(me.get("impersonatedBy").get("username").asString()).isEqualTo(msp);
    }

    @Test
    void theDefaultIsFifteenMinutesAndTheStartIsAudited() {
        Http.Response response = impersonate(mspToken, target);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().get("expiresIn").asLong()).isEqualTo(900);

        List<AuditEvent> events = audit.find("impersonation.start", access.userId(target));
        assertThat(events).hasSize(1);
        AuditEvent start = events.get(0);
        assertThat(start.tenantId()).isEqualTo(tenant);
        assertThat(start.actor().kind()).isEqualTo(Actor.Kind.USER);
        assertThat(start.actor().id()).isEqualTo(access.userId(msp));
        assertThat(start.targetType()).isEqualTo("user");
        assertThat(start.changes())
                .containsEntry("reason", "Ticket 4711: cannot see the scans")
                .containsEntry("minutes", 15L)
                .containsEntry("targetUsername", target)
                .containsEntry("via", "api");
    }

    @Test
    void writesWhileImpersonatingRecordBothIdentities() {
        // A key the target's tenant already has; the impersonated ADMIN may revoke it.
        String owner = fx.user(tenant, "ADMIN");
        Http.Response created =
                createKey(http, http.login(owner, Fixtures.PASSWORD), tenant, Map.of("name", Fixtures.unique("k")));
        String keyId = created.json().get("id").asString();

        String token = impersonate(mspToken, target).json().get("accessToken").asString();
        Http.Response revoke = http.send(http.request("/api/v1/tenants/" + tenant + "/api-keys/" + keyId, token)
                .DELETE()
                .build());
        assertThat(revoke.status()).as(revoke.body()).isEqualTo(204);

        List<AuditEvent> events = audit.find("apikey.revoke", keyId);
        assertThat(events).hasSize(1);
        Actor actor = events.get(0).actor();
        assertThat(actor.kind()).isEqualTo(Actor.Kind.USER);
        assertThat(actor.id()).isEqualTo(access.userId(target));
        assertThat(actor.name()).isEqualTo(target);
        assertThat(actor.impersonatorId()).isEqualTo(access.userId(msp));
        assertThat(actor.impersonatorName()).isEqualTo(msp);
    }

    @Test
    void anImpersonationTokenCannotImpersonateAgainNorCreateKeys() {
        // The target holds IMPERSONATE too (an MSP admin of the tenant), so only the rule stops them.
        String mspOfTenant = fx.user(tenant, "MSP_ADMIN");
        String third = fx.user(tenant, "READONLY");
        String token =
                impersonate(mspToken, mspOfTenant).json().get("accessToken").asString();

        Http.Response again = impersonate(token, third);
        assertProblem(again, 403, "forbidden");
        assertThat(again.json().get("detail").asString()).contains("cannot start another impersonation");

        Http.Response key = createKey(http, token, tenant, Map.of("name", Fixtures.unique("k")));
        assertProblem(key, 403, "forbidden");
        assertThat(key.json().get("detail").asString()).contains("impersonating");
    }

    @Test
    void theRulesOnWhoMayBeImpersonated() {
        // Without IMPERSONATE (an ADMIN), on a visible tenant.
        String admin = http.login(fx.user(tenant, "ADMIN"), Fixtures.PASSWORD);
        assertProblem(impersonate(admin, target), 403, "forbidden");
        // Yourself.
        String self = fx.user(tenant, "MSP_ADMIN");
        assertProblem(impersonate(http.login(self, Fixtures.PASSWORD), self), 403, "forbidden");
        // A super admin, even by another super admin.
        String otherSuper = http.login(fx.user(fx.root(), "SUPER_ADMIN"), Fixtures.PASSWORD);
        assertProblem(
                impersonate(otherSuper, fx.root(), "admin", Map.of("reason", "checking something")), 403, "forbidden");
        // Someone holding permissions on a tenant the impersonator cannot see.
        String elsewhere = fx.user(tenant, "MSP_ADMIN", sibling, true);
        String narrowMsp = http.login(fx.user(tenant, "MSP_ADMIN"), Fixtures.PASSWORD);
        assertProblem(impersonate(narrowMsp, elsewhere), 403, "forbidden");
        // Someone whose role reaches the subtree, by an impersonator bound on this tenant only.
        String localMsp = http.login(fx.user(tenant, "MSP_ADMIN", tenant, false), Fixtures.PASSWORD);
        assertProblem(impersonate(localMsp, target), 403, "forbidden");
        // An inactive user.
        String inactive = fx.user(tenant, "READONLY");
        access.deactivate(inactive);
        assertProblem(impersonate(mspToken, inactive), 409, "conflict");
    }

    @Test
    void invisibleTenantsUnknownUsersAndAnonymousCallers() {
        String siblingUser = fx.user(sibling, "READONLY");
        String tenantMsp = http.login(fx.user(tenant, "MSP_ADMIN"), Fixtures.PASSWORD);
        // The sibling is invisible to an MSP admin of the tenant.
        assertProblem(
                impersonate(tenantMsp, sibling, siblingUser, Map.of("reason", "looking around")), 404, "not-found");
        // A user of another tenant named under a visible one.
        assertProblem(impersonate(mspToken, tenant, siblingUser, Map.of("reason", "wrong tenant")), 404, "not-found");
        assertProblem(
                http.postJson(path(tenant, UUID.randomUUID()), mspToken, Map.of("reason", "nobody here")),
                404,
                "not-found");
        assertProblem(
                http.postJson(path(UUID.randomUUID(), UUID.randomUUID()), mspToken, Map.of("reason", "no such")),
                404,
                "not-found");
        assertProblem(impersonate(null, target), 401, "unauthenticated");
    }

    @Test
    void badInputIsRejected() {
        UUID id = access.userId(target);
        String p = path(tenant, id);
        assertProblem(http.postJson(p, mspToken, Map.of()), 422, "validation-failed");
        assertProblem(http.postJson(p, mspToken, Map.of("reason", "abc")), 422, "validation-failed");
        assertProblem(http.postJson(p, mspToken, Map.of("reason", "     ")), 422, "validation-failed");
        assertProblem(http.postJson(p, mspToken, Map.of("reason", "x".repeat(501))), 422, "validation-failed");
        for (Object minutes : List.of(0, 61, -5, "ten")) {
            Map<String, Object> body = new HashMap<>(Map.of("reason", "a good reason"));
            body.put("minutes", minutes);
            assertProblem(http.postJson(p, mspToken, body), 422, "validation-failed");
        }
        assertProblem(
                http.postJson(p, mspToken, Map.of("reason", "a good reason", "as", "root")), 422, "validation-failed");
        assertProblem(http.postJson(p, mspToken, "{\"reason\":"), 400, "malformed-body");
        assertThat(audit.find("impersonation.start", id)).isEmpty();
    }

    @Test
    void theTokenStopsWhenTheImpersonatorIsSwitchedOff() {
        String token = impersonate(mspToken, target).json().get("accessToken").asString();
        assertThat(http.get("/api/v1/me", token).status()).isEqualTo(200);
        access.deactivate(msp);
        assertThat(http.get("/api/v1/me", token).status()).isEqualTo(401);
    }
}
