package io.tenantra.hardening;

import static io.tenantra.hardening.Hostile.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.database.TenantTransactions;
import io.tenantra.platform.context.TenantScope;
import io.tenantra.support.Fixtures;
import io.tenantra.support.Http;
import io.tenantra.support.ServerTest;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Issue 14: every JSON endpoint in the OpenAPI spec, sent NUL, control characters, lone
 * surrogates and non-characters in each text field, duplicate keys, and wrong types in each
 * number and boolean field. Every answer is a 4xx problem, never a 5xx; nothing is written; no
 * ERROR is logged. The endpoints come from the spec itself, so a new endpoint is fuzzed without
 * anyone remembering to add it here.
 */
@ServerTest
@ExtendWith(OutputCaptureExtension.class)
class JsonEndpointFuzzTest {

    private static final List<String> HOSTILE_TEXT = List.of(
            "nul\0here", "esc\u001b[31mred", "line\r\nbreak", "lone\ud800surrogate", "low\udc00first", "non\uffffchar");
    private static final List<String> TABLES = List.of(
            "app_user",
            "role_binding",
            "custom_role",
            "api_key",
            "enrollment_token",
            "agent",
            "scan",
            "user_mfa",
            "compliance_policy",
            "compliance_enablement",
            "compliance_evaluation");

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fx;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TenantTransactions tx;

    record Case(String method, String path, String body, String what) {}

    @Test
    void everyJsonEndpointRefusesHostileBodiesWithAProblemAndWritesNothing(CapturedOutput output) {
        Http http = new Http(port);
        String admin = http.loginAdmin();
        UUID tenant = fx.tenant(fx.root(), "fuzz");
        JsonNode spec = http.get("/api/v1/openapi.json", null).json();

        List<Case> cases = cases(spec, tenant);
        assertThat(cases.size()).as("the spec lists JSON endpoints").isGreaterThan(50);
        Map<String, Long> before = counts(tenant);
        int tenantsBefore = tenantCount(http, admin);

        int validationFailures = 0;
        List<String> failures = new ArrayList<>();
        for (Case c : cases) {
            Http.Response response = http.send(http.request(c.path(), admin)
                    .header("Content-Type", "application/json")
                    .method(c.method(), HttpRequest.BodyPublishers.ofString(c.body()))
                    .build());
            String contentType = response.header("Content-Type");
            if (response.status() < 400
                    || response.status() >= 500
                    || contentType == null
                    || !contentType.startsWith("application/problem+json")) {
                failures.add(c.method() + " " + c.path() + " (" + c.what() + "): " + response.status() + " "
                        + response.body());
            } else if (response.status() == 422) {
                validationFailures++;
            }
        }
        assertThat(failures).as("answers that were not a 4xx problem").isEmpty();
        assertThat(validationFailures)
                .as("most cases reach the JSON reader and fail there, not at the door")
                .isGreaterThan(cases.size() / 2);
        assertThat(counts(tenant)).as("rows after the fuzz").isEqualTo(before);
        assertThat(tenantCount(http, admin)).isEqualTo(tenantsBefore);
        assertThat(output.getAll()).doesNotContain("ERROR");
    }

    private static List<Case> cases(JsonNode spec, UUID tenant) {
        List<Case> cases = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : spec.get("paths").properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                JsonNode schema = operation.getValue().at("/requestBody/content/application~1json/schema");
                if (schema.isMissingNode()) {
                    continue;
                }
                String method = operation.getKey().toUpperCase();
                String url = concrete(path.getKey(), tenant);
                Map<String, JsonNode> properties = properties(spec, schema);
                for (Map.Entry<String, JsonNode> property : properties.entrySet()) {
                    String name = property.getKey();
                    String type = type(spec, property.getValue());
                    switch (type) {
                        case "string" ->
                            HOSTILE_TEXT.forEach(text ->
                                    cases.add(new Case(method, url, "{" + json(name) + ":" + json(text) + "}", name)));
                        case "integer" -> {
                            cases.add(new Case(method, url, "{" + json(name) + ":\"5\"}", name + " as text"));
                            cases.add(new Case(method, url, "{" + json(name) + ":1.5}", name + " as fraction"));
                        }
                        case "number" -> cases.add(new Case(method, url, "{" + json(name) + ":\"5\"}", name));
                        case "boolean" -> {
                            cases.add(new Case(method, url, "{" + json(name) + ":\"false\"}", name + " as text"));
                            cases.add(new Case(method, url, "{" + json(name) + ":0}", name + " as number"));
                        }
                        case "array" ->
                            cases.add(new Case(
                                    method, url, "{" + json(name) + ":[" + json("a\0b") + "]}", name + " element"));
                        case "object" ->
                            cases.add(new Case(
                                    method,
                                    url,
                                    "{" + json(name) + ":{" + json("k\0") + ":" + json("v") + "}}",
                                    name + " key"));
                        default -> {}
                    }
                    cases.add(new Case(
                            method, url, "{" + json(name) + ":null," + json(name) + ":null}", name + " twice"));
                }
                cases.add(new Case(method, url, "{" + json("unknown\0") + ":1}", "hostile unknown key"));
            }
        }
        return cases;
    }

    private static String concrete(String template, UUID tenant) {
        return template.replace("{tenantId}", tenant.toString())
                .replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
    }

    private static Map<String, JsonNode> properties(JsonNode spec, JsonNode schema) {
        JsonNode resolved = resolve(spec, schema);
        Map<String, JsonNode> properties = new LinkedHashMap<>();
        JsonNode props = resolved.get("properties");
        if (props != null) {
            props.properties().forEach(e -> properties.put(e.getKey(), e.getValue()));
        }
        return properties;
    }

    private static String type(JsonNode spec, JsonNode schema) {
        JsonNode resolved = resolve(spec, schema);
        JsonNode type = resolved.get("type");
        if (type == null) {
            return resolved.has("properties") || resolved.has("additionalProperties") ? "object" : "";
        }
        return type.isArray() ? type.get(0).asString() : type.asString();
    }

    private static JsonNode resolve(JsonNode spec, JsonNode schema) {
        JsonNode ref = schema.get("$ref");
        if (ref == null) {
            return schema;
        }
        return spec.at(ref.asString().substring(1));
    }

    private Map<String, Long> counts(UUID tenant) {
        UUID root = fx.root();
        return tx.read(TenantScope.of(List.of(root, tenant)), () -> {
            Map<String, Long> counts = new LinkedHashMap<>();
            for (String table : TABLES) {
                counts.put(
                        table,
                        jdbc.sql("SELECT count(*) FROM " + table)
                                .query(Long.class)
                                .single());
            }
            return counts;
        });
    }

    private static int tenantCount(Http http, String admin) {
        return http.get("/api/v1/tenants?limit=500", admin).json().get("items").size();
    }
}
