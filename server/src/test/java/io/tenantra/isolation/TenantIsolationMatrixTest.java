package io.tenantra.isolation;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.identity.BuiltInRole;
import io.tenantra.identity.Permission;
import io.tenantra.support.Fixtures;
import io.tenantra.support.Http;
import io.tenantra.support.ServerTest;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/**
 * The isolation matrix: every tenant-scoped endpoint × (own tenant, child, sibling, parent) ×
 * (each built-in role, an API key, no credentials) answers exactly the expected status.
 *
 * <p>The world: P (a customer of the root) with children A and B; A has a child A1. Every
 * principal is bound on A with its whole subtree, so from its point of view A is "own", A1
 * "child", B "sibling" and P "parent". Endpoints are discovered from the running server; one
 * without a probe in {@link Probes} fails the build, so a new endpoint cannot skip the matrix.
 */
@ServerTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantIsolationMatrixTest {

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fx;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    Http http;
    Probes probes;
    final Map<String, UUID> targets = new LinkedHashMap<>();
    final Map<String, Principal> principals = new LinkedHashMap<>();

    /** Who is calling and what they hold on A and its subtree (nothing elsewhere). */
    record Principal(String name, String token, Set<Permission> permissions) {}

    @BeforeAll
    void buildTheWorld() {
        http = new Http(port);
        String admin = http.loginAdmin();
        probes = new Probes(http, admin, fx);
        UUID parent = fx.tenant(fx.root(), "matrix-p");
        UUID own = fx.tenant(parent, "matrix-a");
        UUID child = fx.tenant(own, "matrix-a1");
        UUID sibling = fx.tenant(parent, "matrix-b");
        targets.put("own", own);
        targets.put("child", child);
        targets.put("sibling", sibling);
        targets.put("parent", parent);

        for (BuiltInRole role : BuiltInRole.values()) {
            String username = fx.user(own, role.name());
            principals.put(
                    role.name(),
                    new Principal(role.name(), http.login(username, Fixtures.PASSWORD), role.permissions()));
        }
        // An API key made by an ADMIN of A with the default (all it may carry) permissions.
        Http.Response key = http.postJson(
                "/api/v1/tenants/" + own + "/api-keys",
                principals.get("ADMIN").token(),
                Map.of("name", Fixtures.unique("matrix-key")));
        assertThat(key.status()).as(key.body()).isEqualTo(201);
        Set<Permission> keyPermissions = EnumSet.noneOf(Permission.class);
        key.json().get("permissions").valueStream().forEach(p -> keyPermissions.add(Permission.valueOf(p.asString())));
        principals.put("API_KEY", new Principal("API_KEY", key.json().get("key").asString(), keyPermissions));
        principals.put("ANONYMOUS", new Principal("ANONYMOUS", null, Set.of()));
    }

    private Set<String> tenantScopedEndpoints() {
        Set<String> endpoints = new TreeSet<>();
        mappings.getHandlerMethods()
                .keySet()
                .forEach(info -> info.getPatternValues().stream()
                        .filter(p -> p.startsWith("/api/v1/tenants/{tenantId}"))
                        // Test-only controllers (src/test, paths /test-…) are not part of the product.
                        .filter(p -> !p.contains("/test-"))
                        .forEach(p -> info.getMethodsCondition()
                                .getMethods()
                                .forEach(m -> endpoints.add(m.name() + " " + p))));
        return endpoints;
    }

    @Test
    void everyTenantScopedEndpointHasAProbe() {
        Set<String> missing = new TreeSet<>(tenantScopedEndpoints());
        missing.removeAll(probes.all().keySet());
        assertThat(missing)
                .as("tenant-scoped endpoints without an isolation probe")
                .isEmpty();
    }

    @TestFactory
    Stream<DynamicTest> matrix() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String endpoint : tenantScopedEndpoints()) {
            Probe probe = probes.all().get(endpoint);
            if (probe == null) {
                continue; // reported by everyTenantScopedEndpointHasAProbe
            }
            for (Map.Entry<String, UUID> target : targets.entrySet()) {
                for (Principal principal : principals.values()) {
                    int expected = expected(probe, principal, target.getKey());
                    tests.add(DynamicTest.dynamicTest(
                            endpoint + " × " + target.getKey() + " × " + principal.name() + " → " + expected,
                            () -> assertStatus(probe, principal, target.getValue(), expected)));
                }
            }
        }
        return tests.stream();
    }

    private int expected(Probe probe, Principal principal, String target) {
        if (principal.token() == null) {
            return 401;
        }
        if (target.equals("sibling") || target.equals("parent")) {
            return 404; // no binding reaches them: existence must not leak
        }
        // On the child, the parent is A (own); on A, the parent is P, which no binding reaches.
        Set<Permission> onParent = target.equals("child") ? principal.permissions() : Set.of();
        return probe.expected(principal.permissions(), onParent);
    }

    private void assertStatus(Probe probe, Principal principal, UUID tenant, int expected) {
        Probe.Call call = probe.call().apply(tenant);
        HttpRequest.Builder request = http.request(call.path(), principal.token());
        if (call.body() != null) {
            request.header("Content-Type", call.contentType())
                    .method(call.method(), HttpRequest.BodyPublishers.ofString(call.body()));
        } else {
            request.method(call.method(), HttpRequest.BodyPublishers.noBody());
        }
        Http.Response response = http.send(request.build());
        assertThat(response.status())
                .as("%s %s → %s", call.method(), call.path(), response.body())
                .isEqualTo(expected);
        if (expected == 404) {
            JsonNode body = response.json();
            assertThat(body.get("type").asString()).isEqualTo("urn:tenantra:problem:not-found");
        }
    }
}
