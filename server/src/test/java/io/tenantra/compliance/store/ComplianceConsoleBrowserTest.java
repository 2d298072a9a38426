package io.tenantra.compliance.store;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.tenantra.support.BrowserSupport;
import io.tenantra.support.ComplianceContent;
import io.tenantra.support.ConsoleLog;
import io.tenantra.support.Fixtures;
import io.tenantra.support.Http;
import io.tenantra.support.ServerTest;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The compliance pages in a real browser, fed by the whole pipeline: an enrolled agent (signing
 * its requests as the agent does) uploads a scan with SSH allowing root logins, the server judges
 * it, and the overview shows the framework's score and the failing result; its evidence page
 * shows observed against expected. Lives beside {@link SignedAgent}, the agent the pipeline tests use.
 */
@ServerTest
@ExtendWith(BrowserSupport.class)
class ComplianceConsoleBrowserTest {

    static final String FRAMEWORK = "probe-framework";

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fx;

    @Test
    void aScannedAgentsFailureShowsOnTheOverviewWithItsEvidence(Page page, ConsoleLog console) {
        Http http = new Http(port);
        UUID tenant = fx.tenant(fx.root(), "compliance-browser");
        String username = fx.user(tenant, "ADMIN");
        String admin = http.login(username, Fixtures.PASSWORD);
        String base = "/api/v1/tenants/" + tenant + "/compliance";
        assertThat(yaml(http, admin, base + "/frameworks", ComplianceContent.framework(FRAMEWORK)))
                .isEqualTo(201);
        Http.Response enablement = http.send(http.request(base + "/enablement", admin)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"frameworks\":[\"" + FRAMEWORK + "\"],\"policies\":[]}"))
                .build());
        assertThat(enablement.status()).as(enablement.body()).isEqualTo(200);
        String policy = Fixtures.unique("browser");
        assertThat(yaml(http, admin, base + "/policies", ComplianceContent.policy(policy, false)))
                .isEqualTo(201);

        Http.Response token = http.postJson(
                "/api/v1/tenants/" + tenant + "/enrollment-tokens", admin, Map.of("name", Fixtures.unique("t")));
        SignedAgent agent = new SignedAgent(http, token.json().get("token").asString(), Fixtures.unique("host"));
        Http.Response scan = http.postJson(
                "/api/v1/tenants/" + tenant + "/scans",
                admin,
                Map.of("modules", List.of("system", "config"), "selector", Map.of("agentIds", List.of(agent.id))));
        assertThat(scan.status()).as(scan.body()).isEqualTo(201);
        UUID job = UUID.fromString(agent.poll().get(0).get("id").asString());
        Http.Response uploaded = agent.upload(
                job,
                Map.of(
                        "system",
                        List.of(SignedAgent.item(
                                "os", "os", Map.of("family", "linux", "id", "debian", "versionId", "12"))),
                        "config",
                        List.of(SignedAgent.item("sshd_setting", "permitrootlogin", Map.of("value", "yes")))),
                List.of());
        assertThat(uploaded.status()).as(uploaded.body()).isBetween(200, 202);
        awaitScore(http, admin, base);

        page.navigate(url("/login"));
        page.locator("#username").fill(username);
        page.locator("#password").fill(Fixtures.PASSWORD);
        page.getByTestId("login-submit").click();
        assertThat(page.getByTestId("signed-in-user")).hasText(username);

        page.getByTestId("navigation").getByText("Compliance").first().click();
        page.navigate(url("/compliance?tenant=" + tenant));
        Locator card = page.getByTestId("framework-card-" + FRAMEWORK);
        assertThat(card.getByTestId("score")).hasText("0.0");
        assertThat(card.getByTestId("counts")).containsText("1 fail");
        assertThat(card.getByTestId("trend-chart"))
                .hasAttribute("data-rendered", "true", new LocatorAssertions.HasAttributeOptions().setTimeout(10_000));
        Locator result = page.getByTestId("result-" + policy + "-fact");
        assertThat(result.getByTestId("verdict")).hasText("FAIL");

        // The htmx filter swaps the table in place.
        page.getByTestId("filter-verdict").selectOption("PASS");
        page.getByTestId("apply-filters").click();
        assertThat(page.getByTestId("no-results")).isVisible();
        page.getByTestId("filter-verdict").selectOption("FAIL");
        page.getByTestId("apply-filters").click();
        page.getByTestId("result-" + policy + "-fact")
                .getByTestId("evidence-link")
                .click();

        assertThat(page.getByTestId("check-id")).hasText(policy + "-fact");
        assertThat(page.getByTestId("verdict")).hasText("FAIL");
        assertThat(page.getByTestId("observed").first()).hasText("permitrootlogin: yes");
        assertThat(page.getByTestId("expected").first()).containsText("no");
        assertThat(page.getByTestId("remediation-text")).hasText("Set PermitRootLogin no.");
        page.getByTestId("request-exception").click();
        assertThat(page.getByTestId("exception-check")).hasValue(policy + "-fact");

        // Requested here, approved by another administrator: the with-exceptions score moves, the score does not.
        page.getByTestId("exception-expires")
                .fill(java.time.LocalDate.now(java.time.ZoneOffset.UTC)
                        .plusDays(30)
                        .toString());
        page.getByTestId("exception-reason").fill("Root logins stay until the bastion host replaces them.");
        page.getByTestId("request-exception").click();
        assertThat(page.getByTestId("exception-requested")).isVisible();
        String exceptionId = http.get(base + "/exceptions", admin)
                .json()
                .get("items")
                .get(0)
                .get("id")
                .asString();
        String approver = http.login(fx.user(tenant, "ADMIN"), Fixtures.PASSWORD);
        Http.Response approved = http.postJson(base + "/exceptions/" + exceptionId + "/approve", approver, Map.of());
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        awaitWithExceptions(http, admin, base, 100.0);
        page.navigate(url("/compliance?tenant=" + tenant));
        assertThat(card.getByTestId("score")).hasText("0.0");
        assertThat(card.getByTestId("score-with-exceptions")).hasText("100.0");
        console.assertNoErrors();
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private static int yaml(Http http, String token, String path, String body) {
        Http.Response response = http.send(http.request(path, token)
                .header("Content-Type", "application/yaml")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
        assertThat(response.status()).as(response.body()).isBetween(200, 201);
        return response.status();
    }

    /** Approval re-scores asynchronously: waits until the with-exceptions score is {@code expected}. */
    private static void awaitWithExceptions(Http http, String admin, String base, double expected) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            Http.Response summary = http.get(base + "/summary", admin);
            if (summary.status() == 200
                    && summary.json()
                                    .get("frameworks")
                                    .get(0)
                                    .get("scoreWithExceptions")
                                    .asDouble(-1)
                            == expected) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("the with-exceptions score did not reach " + expected + " within 90 s");
    }

    /** The pipeline judges asynchronously: waits until the tenant's summary has a score. */
    private static void awaitScore(Http http, String admin, String base) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            Http.Response summary = http.get(base + "/summary", admin);
            if (summary.status() == 200
                    && !summary.json().get("frameworks").get(0).get("score").isNull()) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("no score within 90 s");
    }
}
