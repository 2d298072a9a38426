package io.tenantra.audit.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.support.ConsoleClient;
import io.tenantra.support.Fixtures;
import io.tenantra.support.Http;
import io.tenantra.support.ServerTest;
import java.net.http.HttpResponse;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The audit log page over HTTP: tenants, targets (tenants, users, agents) and scan selectors by
 * name with the id kept in a title, sorting by time both ways, the {@code tenant} parameter, and
 * who may open it. World: P with child C; the admin holds ADMIN on P with its subtree.
 */
@ServerTest
class AuditLogsPageTest {

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fx;

    Http http;
    UUID p;
    UUID c;
    String admin;
    String token;
    String userId;
    String agentId;

    @BeforeEach
    void world() throws Exception {
        http = new Http(port);
        p = fx.tenant(fx.root(), "audit-names");
        admin = fx.user(fx.tenant(fx.root(), "audit-names-home"), "MSP_ADMIN", p, true);
        token = http.login(admin, Fixtures.PASSWORD);
        Http.Response child = http.postJson(
                "/api/v1/tenants",
                token,
                Map.of("name", "Child Corp", "slug", Fixtures.unique("child-corp"), "parentId", p.toString()));
        assertThat(child.status()).isEqualTo(201);
        c = UUID.fromString(child.json().get("id").asString());
        String username = Fixtures.unique("ada");
        Http.Response user = http.postJson(
                "/api/v1/tenants/" + p + "/users",
                token,
                Map.of(
                        "username",
                        username,
                        "email",
                        username + "@example.com",
                        "password",
                        "Probe-Strong-Passphrase-91",
                        "displayName",
                        "Ada Lovelace",
                        "roles",
                        List.of("READONLY")));
        assertThat(user.status()).isEqualTo(201);
        userId = user.json().get("id").asString();
        agentId = enrolAgent();
        Http.Response renamed = http.send(http.request("/api/v1/tenants/" + p + "/agents/" + agentId, token)
                .header("Content-Type", "application/json")
                .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString("{\"name\":\"web-01\"}"))
                .build());
        assertThat(renamed.status()).isEqualTo(200);
        Http.Response scan = http.postJson(
                "/api/v1/tenants/" + p + "/scans", token, "{\"modules\":[\"system\"],\"selector\":{\"all\":true}}");
        assertThat(scan.status()).isEqualTo(201);
    }

    private String enrolAgent() throws Exception {
        Http.Response created = http.postJson(
                "/api/v1/tenants/" + p + "/enrollment-tokens", token, Map.of("name", Fixtures.unique("token")));
        assertThat(created.status()).isEqualTo(201);
        String publicKey = Base64.getEncoder()
                .encodeToString(KeyPairGenerator.getInstance("Ed25519")
                        .generateKeyPair()
                        .getPublic()
                        .getEncoded());
        Http.Response enrolled = http.postJson(
                "/api/v1/agent/enroll",
                null,
                Map.of(
                        "token", created.json().get("token").asString(),
                        "publicKey", publicKey,
                        "tags", Map.of(),
                        "host",
                                Map.of(
                                        "hostname", Fixtures.unique("host"),
                                        "osFamily", "linux",
                                        "osVersion", "12",
                                        "architecture", "amd64",
                                        "agentVersion", "0.1.0",
                                        "ipAddresses", List.of("10.0.0.9"))));
        assertThat(enrolled.status()).isEqualTo(201);
        return enrolled.json().get("agentId").asString();
    }

    private ConsoleClient signedIn(String username) {
        ConsoleClient session = new ConsoleClient(port);
        session.login(username, Fixtures.PASSWORD, null);
        return session;
    }

    private static String body(ConsoleClient session, String path) {
        HttpResponse<String> response = session.get(path);
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    @Test
    void targetsTenantsAndSelectorsAreShownByNameWithTheIdInATitle() {
        ConsoleClient session = signedIn(admin);

        String page = body(session, "/audit-logs?tenant=" + p + "&includeDescendants=true");

        // The child tenant's creation: target by name, id in the title.
        assertThat(page).contains("title=\"" + c + "\"", "Child Corp");
        // The user and the agent, by name.
        assertThat(page).contains("title=\"" + userId + "\"", "Ada Lovelace");
        assertThat(page).contains("title=\"" + agentId + "\"", "web-01");
        // The scan's selector in words, not {all=true}.
        assertThat(page).contains("Selector: all agents").doesNotContain("{all=true}");
        // The trail's tenant by name in the subtree view.
        assertThat(page).contains("data-testid=\"audit-row-tenant\"");
        assertThat(page).containsPattern("title=\"" + p + "\"[^>]*>[^<]*audit-names");
        // Times relative to now, the exact one (to the second, not the microsecond) in the title.
        assertThat(page)
                .containsPattern(
                        "<time\\s+datetime=\"[^\"]+\"\\s+title=\"\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} UTC\">"
                                + "(just now|\\d+ min ago)<");
    }

    @Test
    void theTimeColumnSortsBothWays() {
        ConsoleClient session = signedIn(admin);

        String newest = body(session, "/audit-logs?tenant=" + p);
        String oldest = body(session, "/audit-logs?tenant=" + p + "&sort=time");

        String scan = "data-testid=\"audit-row-action\">scan.create<";
        String user = "data-testid=\"audit-row-action\">user.create<";
        assertThat(newest).contains(scan, user);
        assertThat(newest.indexOf(scan)).isLessThan(newest.indexOf(user));
        assertThat(oldest.indexOf(user)).isLessThan(oldest.indexOf(scan));
        assertThat(oldest).contains("Time ▲");
        // The page size is bounded and "Load more" keeps the order.
        String paged = body(session, "/audit-logs?tenant=" + p + "&sort=time&size=1");
        assertThat(paged).contains("audit-load-more", "sort=time", "size=1");
    }

    @Test
    void theDetailPageNamesTheTenantAndTargetAndReadsTheChanges() {
        ConsoleClient session = signedIn(admin);
        String page = body(session, "/audit-logs?tenant=" + p + "&action=agent.update");
        java.util.regex.Matcher link = java.util.regex.Pattern.compile(
                        "href=\"(/audit-logs/[0-9a-f-]{36}/[0-9a-f-]{36})\"")
                .matcher(page);
        assertThat(link.find()).isTrue();

        String detail = body(session, link.group(1));

        assertThat(detail).contains("data-testid=\"audit-detail-tenant\"", "data-testid=\"audit-detail-target\"");
        assertThat(detail).contains("web-01", "title=\"" + agentId + "\"", "title=\"" + p + "\"");
        assertThat(detail).contains("data-testid=\"audit-detail-readable\"", "<dt class=\"col-sm-4\">Name</dt>");
    }

    @Test
    void otherTenantsAreNotFoundReadersForbiddenAndStrangersSentToLogIn() {
        UUID other = fx.tenant(fx.root(), "audit-other");
        ConsoleClient session = signedIn(admin);
        assertThat(session.get("/audit-logs?tenant=" + other).statusCode()).isEqualTo(404);
        assertThat(session.get("/audit-logs/verify?tenant=" + other).statusCode())
                .isEqualTo(404);

        ConsoleClient reader = signedIn(fx.user(p, "READONLY"));
        assertThat(reader.get("/audit-logs?tenant=" + p).statusCode()).isEqualTo(403);

        HttpResponse<String> anonymous = new ConsoleClient(port).get("/audit-logs?tenant=" + p);
        assertThat(anonymous.statusCode()).isEqualTo(302);
        assertThat(anonymous.headers().firstValue("Location").orElseThrow()).endsWith("/login");
    }
}
