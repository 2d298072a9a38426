package io.tenantra.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.platform.web.AuthenticatedEndpoint;
import io.tenantra.platform.web.PublicEndpoint;
import io.tenantra.support.Http;
import io.tenantra.support.ServerTest;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every API endpoint declares who may call it, and the declaration matches what the security
 * chain actually does. Endpoints that are not ours are listed here explicitly.
 */
@ServerTest
class EndpointPermissionsTest {

    /** Endpoints exempt from declaring a permission, each with the reason. */
    private static final Set<String> ALLOW_LIST = Set.of(
            "GET /api/v1/openapi.json", // springdoc: the public API description
            "GET /api/v1/openapi.json.yaml", // springdoc
            "GET /api/v1/openapi.json/swagger-config", // springdoc: Swagger UI configuration
            "GET /api/docs", // springdoc: redirect to the Swagger UI
            "GET /api/v1/test/boom" // test-only controller in src/test
            );

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @LocalServerPort
    int port;

    private record Endpoint(String method, String path, HandlerMethod handler) {
        String key() {
            return method + " " + path;
        }
    }

    private List<Endpoint> apiEndpoints() {
        List<Endpoint> endpoints = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry :
                mappings.getHandlerMethods().entrySet()) {
            for (String path : entry.getKey().getPatternValues()) {
                if (!path.startsWith("/api/") && !path.startsWith("/.well-known/")) {
                    continue;
                }
                var methods = entry.getKey().getMethodsCondition().getMethods();
                if (methods.isEmpty()) {
                    endpoints.add(new Endpoint("GET", path, entry.getValue()));
                }
                methods.forEach(m -> endpoints.add(new Endpoint(m.name(), path, entry.getValue())));
            }
        }
        return endpoints;
    }

    private static int declarations(HandlerMethod handler) {
        int count = 0;
        count += handler.hasMethodAnnotation(RequiresPermission.class) ? 1 : 0;
        count += handler.hasMethodAnnotation(AuthenticatedEndpoint.class) ? 1 : 0;
        count += handler.hasMethodAnnotation(PublicEndpoint.class) ? 1 : 0;
        return count;
    }

    @Test
    void everyApiEndpointDeclaresExactlyOneAccessRule() {
        List<String> undeclared = apiEndpoints().stream()
                .filter(e -> !ALLOW_LIST.contains(e.key()))
                .filter(e -> declarations(e.handler()) != 1)
                .map(Endpoint::key)
                .toList();
        assertThat(undeclared)
                .as("endpoints without exactly one access declaration")
                .isEmpty();
        assertThat(apiEndpoints()).extracting(Endpoint::key).contains("POST /api/v1/auth/login", "GET /api/v1/me");
    }

    @Test
    void tenantPathsAreCheckedAgainstTheirTenant() {
        // A {tenantId} endpoint that is merely "authenticated" would skip the tenant check.
        List<String> unchecked = apiEndpoints().stream()
                .filter(e -> e.path().contains("{tenantId}"))
                .filter(e -> !e.handler().hasMethodAnnotation(RequiresPermission.class))
                .map(Endpoint::key)
                .toList();
        assertThat(unchecked).isEmpty();
    }

    @Test
    void declarationsMatchWhatAnAnonymousCallerGets() {
        Http http = new Http(port);
        List<String> mismatches = new ArrayList<>();
        for (Endpoint endpoint : apiEndpoints()) {
            if (ALLOW_LIST.contains(endpoint.key())) {
                continue;
            }
            String path =
                    endpoint.path().replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
            HttpRequest request = http.request(path, null)
                    .header("Content-Type", "application/json")
                    .method(endpoint.method(), HttpRequest.BodyPublishers.ofString("{}"))
                    .build();
            int status = http.send(request).status();
            boolean isPublic = endpoint.handler().hasMethodAnnotation(PublicEndpoint.class);
            if (isPublic == (status == 401)) {
                mismatches.add(
                        endpoint.key() + " -> " + status + (isPublic ? " (declared public)" : " (declared protected)"));
            }
        }
        assertThat(mismatches).isEmpty();
    }
}
