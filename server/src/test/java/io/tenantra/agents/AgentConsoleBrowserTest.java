package io.tenantra.agents;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.tenantra.database.TenantTransactions;
import io.tenantra.platform.context.TenantScope;
import io.tenantra.support.BrowserSupport;
import io.tenantra.support.ConsoleLog;
import io.tenantra.support.ConsoleNav;
import io.tenantra.support.Fixtures;
import io.tenantra.support.Http;
import io.tenantra.support.ServerTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The agent pages in a real browser: agents (live status, filters, detail), enrollment tokens, scans. */
@ServerTest
@ExtendWith(BrowserSupport.class)
class AgentConsoleBrowserTest {

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fx;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TenantTransactions tx;

    Http http;
    AgentWorld world;
    String admin;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        world = new AgentWorld(http, fx);
        admin = fx.user(world.tenantId, "ADMIN");
    }

    private void logIn(Page page) {
        page.navigate(url("/login"));
        page.locator("#username").fill(admin);
        page.locator("#password").fill(Fixtures.PASSWORD);
        page.getByTestId("login-submit").click();
        assertThat(page.getByTestId("signed-in-user")).hasText(admin);
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private Locator row(Page page, String testId, String nameAttribute, String name) {
        return page.locator("[data-testid=" + testId + "][" + nameAttribute + "='" + name + "']");
    }

    private String name(TestAgent agent) {
        return http.get(world.base() + "/agents/" + agent.id, world.adminToken)
                .json()
                .get("name")
                .asString();
    }

    @Test
    void theAgentListFiltersShowsLiveStatusAndLeadsToTheAgent(Page page, ConsoleLog console) {
        TestAgent linux = world.agent("linux", Map.of("role", "web"));
        TestAgent windows = world.agent("windows", Map.of("role", "db"));
        logIn(page);
        ConsoleNav.go(page, "Agents");
        page.navigate(url("/agents?tenant=" + world.tenantId));
        assertThat(page.getByTestId("agent-row")).hasCount(2);
        Locator linuxRow = row(page, "agent-row", "data-agent-name", name(linux));
        assertThat(linuxRow.getByTestId("agent-status")).hasText("online");

        page.getByTestId("filter-os").selectOption("windows");
        page.getByTestId("apply-filters").click();
        assertThat(page.getByTestId("agent-row")).hasCount(1);
        assertThat(row(page, "agent-row", "data-agent-name", name(windows))).isVisible();
        page.getByTestId("filter-os").selectOption("");
        page.getByTestId("filter-tag").fill("role=web");
        page.getByTestId("apply-filters").click();
        assertThat(page.getByTestId("agent-row")).hasCount(1);

        // The table refreshes itself: an agent going offline shows without reloading.
        tx.write(
                TenantScope.of(world.tenantId),
                () -> jdbc.sql("UPDATE agent SET connection = 'offline' WHERE tenant_id = ? AND id = ?")
                        .params(world.tenantId, linux.id)
                        .update());
        assertThat(row(page, "agent-row", "data-agent-name", name(linux)).getByTestId("agent-status"))
                .hasText("offline", new LocatorAssertions.HasTextOptions().setTimeout(20_000));

        row(page, "agent-row", "data-agent-name", name(linux))
                .getByTestId("agent-link")
                .click();
        assertThat(page.getByTestId("agent-name")).hasText(name(linux));
        assertThat(page.getByTestId("agent-facts")).containsText("10.0.0.5");
        assertThat(page.getByTestId("agent-config")).containsText("60 s");
        assertThat(page.getByTestId("no-results")).isVisible();
        console.assertNoErrors();
    }

    @Test
    void aTokenIsCreatedWithACopyableInstallCommandThatWorksAndIsRevoked(Page page, ConsoleLog console) {
        logIn(page);
        page.navigate(url("/enrollment-tokens?tenant=" + world.tenantId));
        assertThat(page.getByTestId("no-tokens")).isVisible();
        String name = Fixtures.unique("office");
        page.getByTestId("token-name").fill(name);
        page.getByTestId("token-uses").fill("3");
        page.getByTestId("token-tags").fill("site=paris, env=prod");
        page.getByTestId("create-token").click();

        Locator command = page.getByTestId("install-command");
        assertThat(command)
                .hasValue(Pattern.compile("^java -jar tenantra-agent.jar enroll --server http://localhost:" + port
                        + " --token et1\\.\\S+ && .*run$"));
        page.getByTestId("copy-install-command").click();
        assertThat(page.getByTestId("copy-install-command")).hasText("Copied");
        String token = command.inputValue().split(" --token ")[1].split(" ")[0];
        Locator tokenRow = row(page, "token-row", "data-token-name", name);
        assertThat(tokenRow).containsText("0 / 3");
        assertThat(tokenRow).containsText("site=paris");

        TestAgent agent = new TestAgent(http).enroll(token, "from-console", "linux", Map.of());
        assertThat(http.get(world.base() + "/agents/" + agent.id, world.adminToken)
                        .json()
                        .get("tags")
                        .get("env")
                        .asString())
                .isEqualTo("prod");
        page.navigate(url("/enrollment-tokens?tenant=" + world.tenantId));
        assertThat(page.getByTestId("new-token")).hasCount(0);
        assertThat(page.content()).doesNotContain(token);

        page.onDialog(dialog -> dialog.accept());
        row(page, "token-row", "data-token-name", name)
                .getByTestId("revoke-token")
                .click();
        assertThat(row(page, "token-row", "data-token-name", name).getByTestId("token-status"))
                .hasText("revoked");
        assertThat(new TestAgent(http)
                        .enrollRaw(token, "late", "linux", Map.of())
                        .status())
                .isEqualTo(401);

        page.getByTestId("token-name").fill("bad");
        page.getByTestId("token-tags").fill("no-equals-sign");
        page.getByTestId("create-token").click();
        assertThat(page.getByTestId("form-error")).containsText("tags");
        console.assertNoErrors();
    }

    @Test
    void aScanStartedFromTheConsoleShowsLiveProgressAndResults(Page page, ConsoleLog console) {
        TestAgent agent = world.agent();
        logIn(page);
        page.navigate(url("/scans?tenant=" + world.tenantId));
        assertThat(page.getByTestId("no-scans")).isVisible();
        page.getByTestId("module-system").check();
        page.getByTestId("start-scan").click();

        assertThat(page).hasURL(Pattern.compile("/scans/[0-9a-f-]{36}\\?tenant="));
        assertThat(page.getByTestId("scan-status")).hasText("queued");
        assertThat(page.getByTestId("job-status")).hasText("queued");

        UUID jobId = UUID.fromString(
                agent.poll(0).json().get("jobs").get(0).get("id").asString());
        assertThat(agent.upload(jobId, TestAgent.result(jobId, List.of("system"), "ok", 2), true)
                        .status())
                .isEqualTo(200);
        // The page polls: no reload needed.
        LocatorAssertions.HasTextOptions wait = new LocatorAssertions.HasTextOptions().setTimeout(15_000);
        assertThat(page.getByTestId("scan-status")).hasText("completed", wait);
        assertThat(page.getByTestId("module-outcome")).hasText("system: ok (2)");
        assertThat(page.getByTestId("scan-progress")).hasAttribute("data-percent", "100");

        APIResponse csv = page.request()
                .get(url("/scans/" + page.url().split("/scans/")[1].split("\\?")[0] + "/export.csv?tenant="
                        + world.tenantId));
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.text()).startsWith(ScanExport.HEADER).contains("system-1");

        page.navigate(url("/scans?tenant=" + world.tenantId));
        assertThat(page.getByTestId("scan-row")).hasCount(1);
        assertThat(page.getByTestId("scan-row").getByTestId("scan-progress")).hasAttribute("data-percent", "100");

        page.getByTestId("target-os").check();
        page.getByTestId("scan-os").selectOption("windows");
        page.getByTestId("start-scan").click();
        assertThat(page.getByTestId("form-error")).containsText("no active agent");
        console.assertNoErrors();
    }

    @Test
    void theAssetPageShowsAModulesItemsWithFlaggedRisksHighlighted(Page page, ConsoleLog console) {
        TestAgent agent = world.agent();
        var scan = http.postJson(
                world.base() + "/scans",
                world.adminToken,
                java.util.Map.of(
                        "modules", List.of("network"), "selector", java.util.Map.of("agentIds", List.of(agent.id))));
        assertThat(scan.status()).isEqualTo(201);
        UUID jobId = UUID.fromString(
                agent.poll(0).json().get("jobs").get(0).get("id").asString());
        // Three items, the second flagged HIGH: the page must mark exactly that row.
        var result = (tools.jackson.databind.node.ObjectNode)
                TestAgent.JSON.readTree(TestAgent.result(jobId, List.of("network"), "ok", 3));
        var risk = result.objectNode()
                .put("severity", "HIGH")
                .put("code", "network.telnet_exposed")
                .put("itemType", "package")
                .put("itemKey", "network-1")
                .put("reason", "telnet listens on every interface");
        ((tools.jackson.databind.node.ObjectNode) result.get("results").get(0))
                .putArray("risks")
                .add(risk);
        assertThat(agent.upload(jobId, TestAgent.JSON.writeValueAsBytes(result), true)
                        .status())
                .isEqualTo(200);

        logIn(page);
        page.navigate(url("/agents/" + agent.id + "?tenant=" + world.tenantId));
        page.getByTestId("module-link").getByText("network").click();

        assertThat(page.getByTestId("module-title")).hasText("network");
        assertThat(page.getByTestId("item-row")).hasCount(3);
        assertThat(page.getByTestId("risk-row")).hasCount(1);
        assertThat(page.getByTestId("risk-row")).containsText("network.telnet_exposed");
        var flagged = page.locator("[data-testid=item-row][data-key=network-1]");
        assertThat(flagged).hasAttribute("data-severity", "HIGH");
        assertThat(flagged).hasClass(Pattern.compile("table-danger"));
        assertThat(page.locator("[data-testid=item-row][data-key=network-0]"))
                .not()
                .hasClass(Pattern.compile("table-danger"));
        // The attributes became columns.
        assertThat(page.getByTestId("items").locator("thead")).containsText("version");
        console.assertNoErrors();
    }

    @Test
    void anotherTenantsAgentIsNotFound(Page page) {
        TestAgent stranger = new AgentWorld(http, fx).agent();
        logIn(page);
        var response = page.navigate(url("/agents/" + stranger.id + "?tenant=" + stranger.tenantId));
        assertThat(response.status()).isEqualTo(404);
        response = page.navigate(url("/agents/" + stranger.id + "?tenant=" + world.tenantId));
        assertThat(response.status()).isEqualTo(404);
    }
}
