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

    /**
     * Enables no compliance policy for this world's tenant, so that jobs carry only the probes a
     * test's own {@code ProbeSource} supplies (the compliance module adds the probes of the
     * enabled built-in checks to every Linux agent's jobs).
     */
    AgentWorld withoutCompliancePolicies() {
        Http.Response response = http.send(http.request(base() + "/compliance/enablement", adminToken)
                .header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"frameworks\":null,\"policies\":[]}"))
                .build());
        if (response.status() != 200) {
            throw new IllegalStateException("compliance enablement refused: " + response.body());
        }
        return this;
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
