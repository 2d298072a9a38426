package io.tenantra.apiclient;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.support.Http;
import io.tenantra.support.ServerTest;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API reference is complete enough to generate clients from: real title and version, the
 * security schemes a client needs, public operations marked as such (and really public), examples
 * on the main request bodies, and a copy in {@code docs/openapi.json} that is the live document.
 * Run with {@code -Dtenantra.docs.write=true} to rewrite that copy after changing the API.
 */
@ServerTest
class ApiReferenceTest {

    static final Path COMMITTED = Path.of("../docs/openapi.json");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    BuildProperties build;

    @Test
    void theCommittedReferenceIsTheLiveOne() throws IOException {
        JsonNode live = spec();
        if (Boolean.getBoolean("tenantra.docs.write")) {
            Files.writeString(COMMITTED, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(live) + "\n");
        }
        JsonNode committed = JSON.readTree(Files.readString(COMMITTED));
        List<String> differences = new ArrayList<>();
        differences("", committed, live, differences);
        assertThat(differences)
                .as("%s is out of date; rerun ApiReferenceTest with -Dtenantra.docs.write=true", COMMITTED)
                .isEmpty();
        assertThat(committed).isEqualTo(live);
    }

    /** JSON pointers where the two documents differ (the first 20), instead of two 180 KB dumps. */
    private static void differences(String at, JsonNode committed, JsonNode live, List<String> found) {
        if (found.size() >= 20 || committed.equals(live)) {
            return;
        }
        if (committed.isObject() && live.isObject()) {
            Set<String> names = new TreeSet<>();
            committed.propertyNames().forEach(names::add);
            live.propertyNames().forEach(names::add);
            for (String name : names) {
                String next = at + "/" + name.replace("~", "~0").replace("/", "~1");
                if (!committed.has(name) || !live.has(name)) {
                    found.add(next + (committed.has(name) ? " is gone" : " is new"));
                } else {
                    differences(next, committed.get(name), live.get(name), found);
                }
            }
        } else {
            found.add(at + " was " + abbreviated(committed) + ", is " + abbreviated(live));
        }
    }

    private static String abbreviated(JsonNode node) {
        String text = node.toString();
        return text.length() > 120 ? text.substring(0, 120) + "..." : text;
    }

    @Test
    void theReferenceNamesTheApiAndItsVersion() {
        JsonNode info = spec().get("info");
        assertThat(info.get("title").asString()).isEqualTo("Tenantra API");
        assertThat(info.get("version").asString()).isEqualTo(build.getVersion()).matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(info.get("description").asString())
                .contains("POST /api/v1/auth/login", "application/problem+json", "nextCursor", "tnk_");
        assertThat(spec().get("servers").get(0).get("url").asString()).isEqualTo("/");
    }

    @Test
    void bearerTokensAndApiKeysAreDeclaredAndRequiredEverywhereButPublicEndpoints() {
        JsonNode spec = spec();
        JsonNode schemes = spec.at("/components/securitySchemes");
        assertThat(schemes.get("bearerAuth").get("type").asString()).isEqualTo("http");
        assertThat(schemes.get("bearerAuth").get("scheme").asString()).isEqualTo("bearer");
        assertThat(schemes.get("bearerAuth").get("bearerFormat").asString()).isEqualTo("JWT");
        assertThat(schemes.get("apiKey").get("scheme").asString()).isEqualTo("bearer");
        assertThat(schemes.get("agentToken").get("scheme").asString()).isEqualTo("bearer");
        assertThat(spec.get("security").toString()).isEqualTo("[{\"bearerAuth\":[]},{\"apiKey\":[]}]");

        assertThat(security(spec, "/api/v1/auth/login", "post")).isEqualTo("[]");
        assertThat(security(spec, "/api/v1/auth/refresh", "post")).isEqualTo("[]");
        assertThat(security(spec, "/api/v1/ping", "get")).isEqualTo("[]");
        assertThat(security(spec, "/api/v1/agent/enroll", "post")).isEqualTo("[]");
        assertThat(security(spec, "/api/v1/agent/heartbeat", "post")).isEqualTo("[{\"agentToken\":[]}]");
        assertThat(security(spec, "/api/v1/tenants", "get")).isEqualTo("inherited");
        assertThat(security(spec, "/api/v1/auth/logout", "post")).isEqualTo("inherited");
    }

    /**
     * What the document says about credentials is what the server does: without them, every
     * operation it marks as needing credentials answers 401, and none it marks public does.
     */
    @Test
    void theDeclaredSecurityMatchesWhatTheServerEnforces() {
        Http http = new Http(port);
        JsonNode spec = spec();
        List<String> wrong = new ArrayList<>();
        int publicOperations = 0;
        for (Map.Entry<String, JsonNode> path : spec.get("paths").properties()) {
            String url = path.getKey().replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                boolean declaredPublic = "[]".equals(security(spec, path.getKey(), operation.getKey()));
                publicOperations += declaredPublic ? 1 : 0;
                boolean hasBody = operation.getValue().has("requestBody");
                HttpRequest.Builder request = http.request(url, null)
                        .method(
                                operation.getKey().toUpperCase(),
                                hasBody
                                        ? HttpRequest.BodyPublishers.ofString("{}")
                                        : HttpRequest.BodyPublishers.noBody());
                if (hasBody) {
                    request.header("Content-Type", "application/json");
                }
                int status = http.send(request.build()).status();
                if (declaredPublic == (status == 401)) {
                    wrong.add(operation.getKey() + " " + path.getKey() + " declared "
                            + (declaredPublic ? "public" : "secured") + " answered " + status);
                }
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(publicOperations).isGreaterThanOrEqualTo(5);
    }

    @Test
    void operationIdsAreUniqueAndNamedAfterWhatTheyDo() {
        List<String> ids = new ArrayList<>();
        spec().get("paths")
                .forEach(path -> path.forEach(
                        operation -> ids.add(operation.get("operationId").asString())));
        assertThat(ids).doesNotHaveDuplicates().noneMatch(id -> id.matches(".*_\\d+"));
        JsonNode tokens = spec().at("/paths/~1api~1v1~1tenants~1{tenantId}~1enrollment-tokens");
        assertThat(tokens.at("/post/operationId").asString()).isEqualTo("createEnrollmentToken");
        assertThat(tokens.at("/get/operationId").asString()).isEqualTo("listEnrollmentToken");
        assertThat(spec().at("/paths/~1api~1v1~1ping/get/operationId").asString())
                .isEqualTo("ping");
    }

    @Test
    void theMainRequestBodiesCarryExamples() {
        JsonNode spec = spec();
        JsonNode login = requestSchema(spec, "/api/v1/auth/login", "post");
        assertThat(login.at("/properties/username/example").asString()).isEqualTo("admin");
        assertThat(login.at("/properties/password/example").isMissingNode()).isFalse();
        JsonNode tenant = requestSchema(spec, "/api/v1/tenants", "post");
        assertThat(tenant.at("/properties/name/example").asString()).isNotBlank();
        assertThat(tenant.at("/properties/slug/example").asString()).matches("[a-z0-9-]+");
        JsonNode token = requestSchema(spec, "/api/v1/tenants/{tenantId}/enrollment-tokens", "post");
        assertThat(token.at("/properties/name/example").asString()).isNotBlank();
        assertThat(token.at("/properties/maxUses/example").isNumber()).isTrue();
        assertThat(token.at("/properties/tags/example").isObject()).isTrue();
    }

    private JsonNode spec() {
        Http.Response response = new Http(port).get("/api/v1/openapi.json", null);
        assertThat(response.status()).isEqualTo(200);
        return response.json();
    }

    /** The operation's own requirement list, or "inherited" when it uses the document's. */
    static String security(JsonNode spec, String path, String method) {
        JsonNode security = spec.get("paths").get(path).get(method).get("security");
        return security == null ? "inherited" : security.toString();
    }

    /** The schema of an operation's JSON request body, following a $ref into the components. */
    static JsonNode requestSchema(JsonNode spec, String path, String method) {
        JsonNode schema = spec.get("paths").get(path).get(method).at("/requestBody/content/application~1json/schema");
        assertThat(schema.isMissingNode())
                .as("%s %s has a JSON body", method, path)
                .isFalse();
        return schema.has("$ref") ? spec.at(schema.get("$ref").asString().substring(1)) : schema;
    }
}
