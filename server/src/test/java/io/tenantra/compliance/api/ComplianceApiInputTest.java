package io.tenantra.compliance.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.support.ComplianceContent;
import io.tenantra.support.Fixtures;
import io.tenantra.support.Http;
import io.tenantra.support.ServerTest;
import java.net.http.HttpRequest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Bad input to the compliance API: every malformed filter, file or body is a problem answer
 * (422 naming the field, 409 for a repeated import, 413 for an oversized file, 415 for the wrong
 * media type, 404 for what does not exist), never a 500, and nothing is half-imported.
 */
@ServerTest
class ComplianceApiInputTest {

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fx;

    Http http;
    String admin;
    String base;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        UUID tenant = fx.tenant(fx.root(), "compliance-input");
        admin = http.login(fx.user(tenant, "ADMIN"), Fixtures.PASSWORD);
        base = "/api/v1/tenants/" + tenant + "/compliance";
    }

    @Test
    void malformedFiltersAreValidationProblemsNamingTheParameter() {
        Map<String, String> cases = Map.ofEntries(
                Map.entry("/results?limit=0", "limit"),
                Map.entry("/results?limit=501", "limit"),
                Map.entry("/results?cursor=not-a-cursor", "cursor"),
                Map.entry("/results?verdict=maybe", "verdict"),
                Map.entry("/results?severity=urgent", "severity"),
                Map.entry("/results?sort=price", "sort"),
                Map.entry("/results?tag=novalue", "tag"),
                Map.entry("/results?agent=not-a-uuid", "agent"),
                Map.entry("/results?framework=no-such-framework", "framework"),
                Map.entry("/results?control=AC-1", "control"),
                Map.entry("/results?check=bad%20id%21%21", "check"),
                Map.entry("/results?q=" + "x".repeat(201), "q"),
                Map.entry("/summary?scope=world", "scope"),
                Map.entry("/summary?trendDays=0", "trendDays"),
                Map.entry("/summary?trendDays=366", "trendDays"),
                Map.entry("/history?framework=f&from=2026-13-01", "from"),
                Map.entry("/history?framework=f&from=2026-12-02&to=2026-12-01", "from"),
                Map.entry("/history?framework=f&from=2020-01-01&to=2026-01-01", "from"),
                Map.entry("/checks?limit=-1", "limit"),
                Map.entry("/assets?cursor=Yw", "cursor"));
        cases.forEach((path, field) -> {
            Http.Response response = http.get(base + path, admin);
            assertThat(response.status()).as(path + " → " + response.body()).isEqualTo(422);
            assertThat(response.json().get("errors").get(0).get("field").asString())
                    .as(path)
                    .isEqualTo(field);
        });
    }

    @Test
    void unknownThingsAreNotFound() {
        for (String path : new String[] {
            "/evaluations/" + UUID.randomUUID(),
            "/results/" + UUID.randomUUID() + "/some-check",
            "/assets/" + UUID.randomUUID(),
            "/frameworks/no-such-framework",
            "/frameworks/no-such-framework/coverage",
            "/checks/no-such-check",
            "/policies/no-such-policy/export"
        }) {
            Http.Response response = http.get(base + path, admin);
            assertThat(response.status()).as(path + " → " + response.body()).isEqualTo(404);
            assertThat(response.json().get("type").asString()).isEqualTo("urn:tenantra:problem:not-found");
        }
    }

    @Test
    void anInvalidPolicyFileIsRefusedWithEveryProblemAndNothingStored() {
        int before = http.get(base + "/policies", admin).json().size();
        Http.Response malformed = yaml("/policies", "format: tenantra/checks@1\npolicy: [unclosed\n");
        assertProblem(malformed, 422);
        assertThat(malformed.json().get("errors").get(0).get("message").asString())
                .contains("policy.yaml");

        String duplicateKeys = ComplianceContent.policy(Fixtures.unique("dup"), false)
                .replace("  title: Test policy", "  title: One\n  title: Test policy");
        assertProblem(yaml("/policies", duplicateKeys), 422);

        String wrongType =
                ComplianceContent.policy(Fixtures.unique("type"), false).replace("version: 1", "version: [1]");
        assertProblem(yaml("/policies", wrongType), 422);

        String controlCharacter = ComplianceContent.policy(Fixtures.unique("esc"), false)
                .replace("Written by a test.", "Written \u001b[31m by a test.");
        Http.Response escaped = yaml("/policies", controlCharacter);
        assertProblem(escaped, 422);
        assertThat(escaped.json().get("errors").get(0).get("field").asString()).isEqualTo("body");

        assertProblem(yaml("/policies?fileName=../../etc/passwd", ComplianceContent.policy("x", false)), 422);
        assertProblem(yaml("/policies?format=nessus", ComplianceContent.policy("x", false)), 422);
        assertProblem(yaml("/policies", "   \n"), 422);
        assertProblem(yaml("/policies", "x".repeat(2 * 1024 * 1024)), 413);
        Http.Response json = http.postJson(base + "/policies", admin, Map.of("format", "tenantra"));
        assertProblem(json, 415);

        assertThat(http.get(base + "/policies", admin).json().size()).isEqualTo(before);
    }

    @Test
    void aRepeatedImportIsAConflictAndChangesNothing() {
        String id = Fixtures.unique("twice");
        String file = ComplianceContent.policy(id, false);
        assertThat(yaml("/policies", file).status()).isEqualTo(201);
        JsonNode before = http.get(base + "/policies", admin).json();
        Http.Response replay = yaml("/policies", file);
        assertProblem(replay, 409);
        assertThat(replay.json().get("detail").asString()).contains("already imported");
        assertThat(http.get(base + "/policies", admin).json()).isEqualTo(before);

        Http.Response export = http.get(base + "/policies/" + id + "/export", admin);
        assertThat(export.status()).isEqualTo(200);
        assertThat(export.body()).isEqualTo(file);
    }

    @Test
    void policyChangesValidateTheirBodies() {
        String id = Fixtures.unique("patch");
        assertThat(yaml("/policies", ComplianceContent.policy(id, false)).status())
                .isEqualTo(201);
        assertProblem(patch("/policies/" + id, "{}"), 422);
        assertProblem(patch("/policies/" + id, "{\"enabled\":\"yes\"}"), 422);
        assertProblem(patch("/policies/" + id, "{\"enabled\":true,\"enabled\":false}"), 422);
        assertProblem(patch("/policies/no-such-policy", "{\"enabled\":false}"), 404);
        assertProblem(patch("/policies/" + id, "{\"enabled\":true,\"version\":\"9.9\"}"), 404);
        Http.Response noCommands =
                http.postJson(base + "/policies/" + id + "/command-rules", admin, Map.of("enabled", true));
        assertProblem(noCommands, 409);

        Http.Response disabled = patch("/policies/" + id, "{\"enabled\":false}");
        assertThat(disabled.status()).as(disabled.body()).isEqualTo(200);
        assertThat(disabled.json().get("policy").get("enabled").asBoolean()).isFalse();
    }

    @Test
    void enablementRefusesUnknownIds() {
        assertProblem(put("/enablement", "{\"frameworks\":[\"no-such-framework\"],\"policies\":null}"), 422);
        assertProblem(put("/enablement", "{\"frameworks\":null,\"policies\":[\"no-such-policy\"]}"), 422);
        assertProblem(put("/enablement", "{\"frameworks\":[null],\"policies\":null}"), 422);
        assertProblem(put("/enablement", "{\"frameworks\":\"all\"}"), 422);
        StringBuilder many = new StringBuilder("{\"frameworks\":[");
        for (int i = 0; i < 501; i++) {
            many.append(i == 0 ? "" : ",").append("\"f").append(i).append('"');
        }
        assertProblem(put("/enablement", many.append("]}").toString()), 422);
    }

    @Test
    void aFrameworkFileIsValidatedAndMappingsAreImportedOnce() {
        assertProblem(yaml("/frameworks", "format: tenantra/framework@1\nframework: {}\n"), 422);
        String id = Fixtures.unique("fw");
        Http.Response created = yaml("/frameworks", ComplianceContent.framework(id));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(yaml("/frameworks", ComplianceContent.framework(id)).status())
                .isEqualTo(200);
        Http.Response export = http.get(base + "/frameworks/" + id + "/export", admin);
        assertThat(export.status()).isEqualTo(200);
        assertThat(export.body()).contains(id).contains("PR-1");

        String mappings = ComplianceContent.mappings(Fixtures.unique("check"));
        assertThat(yaml("/mappings", mappings).status()).isEqualTo(201);
        assertProblem(yaml("/mappings", mappings), 409);
        assertProblem(yaml("/mappings", "format: tenantra/mappings@1\nmappings: 7\n"), 422);
    }

    private void assertProblem(Http.Response response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    }

    private Http.Response yaml(String path, String body) {
        return http.send(http.request(base + path, admin)
                .header("Content-Type", "application/yaml")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    private Http.Response patch(String path, String json) {
        return http.send(http.request(base + path, admin)
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    private Http.Response put(String path, String json) {
        return http.send(http.request(base + path, admin)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json))
                .build());
    }
}
