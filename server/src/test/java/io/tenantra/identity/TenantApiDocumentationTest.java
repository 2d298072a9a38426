package io.tenantra.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.support.Http;
import io.tenantra.support.ServerTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI document describes tenant-scoped endpoints as clients call them: the tenant is a
 * path parameter, and the server-side {@link TenantContext} is not a parameter at all.
 */
@ServerTest
class TenantApiDocumentationTest {

    @LocalServerPort
    int port;

    @Test
    void tenantPathsDeclareTheTenantAndHideTheServerSideContext() {
        JsonNode spec = new Http(port).get("/api/v1/openapi.json", null).json();
        List<String> wrong = new ArrayList<>();
        spec.get("paths").properties().forEach(path -> {
            if (!path.getKey().contains("{tenantId}")) {
                return;
            }
            path.getValue().properties().forEach(operation -> {
                List<String> parameters = new ArrayList<>();
                JsonNode declared = operation.getValue().get("parameters");
                if (declared != null) {
                    declared.forEach(p -> parameters.add(
                            p.get("in").asString() + ":" + p.get("name").asString()));
                }
                if (!parameters.contains("path:tenantId")
                        || parameters.contains("query:ctx")
                        || parameters.contains("query:call")) {
                    wrong.add(operation.getKey() + " " + path.getKey() + " " + parameters);
                }
            });
        });
        assertThat(wrong).isEmpty();
        assertThat(spec.get("paths").has("/api/v1/tenants/{tenantId}/users/{id}"))
                .isTrue();
        assertThat(spec.get("components").get("schemas").has("TenantContext")).isFalse();
        assertThat(spec.get("components").get("schemas").has("CallContext")).isFalse();
        assertThat(spec.get("paths")
                        .get("/api/v1/tenants/{tenantId}/users")
                        .get("post")
                        .get("operationId")
                        .asString())
                .isEqualTo("createUser");
    }
}
