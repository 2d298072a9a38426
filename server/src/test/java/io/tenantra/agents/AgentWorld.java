package io.tenantra.agents;

import io.tenantra.support.Fixtures;
import io.tenantra.support.Http;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** A tenant with an admin, and helpers to mint tokens and enroll agents in it through the API. */
final class AgentWorld {

    final Http http;
    final Fixtures fx;
    final UUID tenantId;
    final String adminToken;

    AgentWorld(Http http, Fixtures fx) {
        this.http = http;
        this.fx = fx;
        this.tenantId = fx.tenant(fx.root(), "agents");
        this.adminToken = http.login(fx.user(tenantId, "ADMIN"), Fixtures.PASSWORD);
    }

    String base() {
        return "/api/v1/tenants/" + tenantId;
    }

    Http.Response createToken(Map<String, Object> body) {
        return http.postJson(base() + "/enrollment-tokens", adminToken, body);
    }

    String token(Integer maxUses, Instant expiresAt, Map<String, String> tags) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", Fixtures.unique("token"));
        body.put("maxUses", maxUses);
        body.put("expiresAt", expiresAt == null ? null : expiresAt.toString());
        body.put("tags", tags);
        Http.Response response = createToken(body);
        if (response.status() != 201) {
            throw new AssertionError("token creation failed: " + response.status() + " " + response.body());
        }
        return response.json().get("token").asString();
    }

    TestAgent agent(String os, Map<String, String> tags) {
        return new TestAgent(http).enroll(token(null, null, Map.of()), Fixtures.unique("host"), os, tags);
    }

    TestAgent agent() {
        return agent("linux", Map.of());
    }
}
