package io.tenantra.agents;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.tenantra.support.AuditRecorder;
import io.tenantra.support.BrowserSupport;
import io.tenantra.support.ConsoleClient;
import io.tenantra.support.ConsoleLog;
import io.tenantra.support.Fixtures;
import io.tenantra.support.Http;
import io.tenantra.support.ServerTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Actions on the agent page: rename, tags, scan now (with live progress) and revoke behind a typed
 * confirmation, each landing in the registry and the audit trail as the API's do; READONLY sees no
 * buttons and is refused the POSTs; another tenant's agent is not found.
 */
@ServerTest
@ExtendWith(BrowserSupport.class)
class AgentActionsBrowserTest {

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fx;

    @Autowired
    AuditRecorder audit;

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    @Test
    void anAdminRenamesTagsScansAndRevokesAnAgentFromItsPage(Page page, ConsoleLog console) {
        Http http = new Http(port);
        AgentWorld world = new AgentWorld(http, fx);
        TestAgent agent = world.agent("linux", Map.of("env", "test"));
        String admin = fx.user(world.tenantId, "ADMIN");
        page.navigate(url("/login"));
        page.locator("#username").fill(admin);
        page.locator("#password").fill(Fixtures.PASSWORD);
        page.getByTestId("login-submit").click();
        page.navigate(url("/agents/" + agent.id + "?tenant=" + world.tenantId));

        String name = Fixtures.unique("web-01");
        page.getByTestId("rename-input").fill(name);
        page.getByTestId("rename-submit").click();
        assertThat(page.getByTestId("action-done")).containsText("renamed");
        assertThat(page.getByTestId("agent-name")).hasText(name);

        page.getByTestId("tags-input").fill("env=prod, site=paris");
        page.getByTestId("tags-submit").click();
        assertThat(page.getByTestId("agent-tags")).containsText("site=paris");
        var stored =
                http.get(world.base() + "/agents/" + agent.id, world.adminToken).json();
        assertThat(stored.get("name").asString()).isEqualTo(name);
        assertThat(stored.get("tags").get("env").asString()).isEqualTo("prod");

        page.getByTestId("scan-now").click();
        assertThat(page.getByTestId("agent-scan-status")).hasText("queued");
        var job = agent.poll(0).json().get("jobs").get(0);
        UUID jobId = UUID.fromString(job.get("id").asString());
        List<String> modules = new java.util.ArrayList<>();
        job.get("modules").forEach(m -> modules.add(m.asString()));
        var uploaded = agent.upload(jobId, TestAgent.result(jobId, modules, "ok", 1), true);
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(200);
        // The progress is polled: it completes without a reload.
        assertThat(page.getByTestId("agent-scan-status"))
                .hasText("completed", new LocatorAssertions.HasTextOptions().setTimeout(15_000));
        assertThat(page.getByTestId("agent-scan").getByTestId("scan-progress")).hasAttribute("data-percent", "100");

        page.getByTestId("revoke-open").click();
        page.getByTestId("revoke-confirm").fill("not the name");
        page.getByTestId("revoke-submit").click();
        assertThat(page.getByTestId("action-error")).containsText("confirm");
        assertThat(page.getByTestId("agent-status")).not().hasText("revoked");
        page.getByTestId("revoke-open").click();
        page.getByTestId("revoke-confirm").fill(name);
        page.getByTestId("revoke-submit").click();
        assertThat(page.getByTestId("agent-status")).hasText("revoked");
        assertThat(page.getByTestId("agent-actions")).hasCount(0);
        assertThat(agent.heartbeat().status()).isIn(401, 403);

        assertThat(audit.find("agent.update", agent.id)).hasSize(2);
        assertThat(audit.find("agent.revoke", agent.id)).hasSize(1);
        console.assertNoErrors();
    }

    @Test
    void readonlySeesNoActionsAndIsRefusedTheirPostsAndOtherTenantsAgentsAreNotFound() {
        Http http = new Http(port);
        AgentWorld world = new AgentWorld(http, fx);
        TestAgent agent = world.agent();
        String path = "/agents/" + agent.id;
        String query = "?tenant=" + world.tenantId;

        ConsoleClient readonly = new ConsoleClient(port);
        readonly.login(fx.user(world.tenantId, "READONLY"), Fixtures.PASSWORD, null);
        String html = readonly.get(path + query).body();
        assertThat(html).doesNotContain("data-testid=\"agent-actions\"").doesNotContain("scan-now");
        for (String action : List.of("/rename", "/tags", "/revoke", "/scan")) {
            assertThat(readonly.post(path + action + query, Map.of("name", "x", "tags", "a=b", "confirm", "x"))
                            .statusCode())
                    .as(action)
                    .isEqualTo(403);
        }
        assertThat(http.get(world.base() + "/agents/" + agent.id, world.adminToken)
                        .json()
                        .get("status")
                        .asString())
                .isNotEqualTo("revoked");

        AgentWorld other = new AgentWorld(http, fx);
        ConsoleClient stranger = new ConsoleClient(port);
        stranger.login(fx.user(other.tenantId, "ADMIN"), Fixtures.PASSWORD, null);
        stranger.get("/agents?tenant=" + other.tenantId);
        assertThat(stranger.get(path + query).statusCode()).isEqualTo(404);
        assertThat(stranger.get(path + "?tenant=" + other.tenantId).statusCode())
                .isEqualTo(404);
        for (String action : List.of("/rename", "/tags", "/revoke", "/scan")) {
            assertThat(stranger.post(path + action + query, Map.of("name", "x", "tags", "a=b", "confirm", "x"))
                            .statusCode())
                    .as(action)
                    .isEqualTo(404);
            assertThat(stranger.post(path + action + "?tenant=" + other.tenantId, Map.of("name", "x", "confirm", "x"))
                            .statusCode())
                    .as(action + " in the stranger's own tenant")
                    .isEqualTo(404);
        }
    }
}
