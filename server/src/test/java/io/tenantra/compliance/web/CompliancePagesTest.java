package io.tenantra.compliance.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.database.TenantTransactions;
import io.tenantra.platform.context.TenantScope;
import io.tenantra.support.ConsoleClient;
import io.tenantra.support.Fixtures;
import io.tenantra.support.ServerTest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The compliance overview and evidence pages over real HTTP with a real session: the framework
 * card shows the stored score with and without exceptions, the results table filters, sorts and
 * pages through htmx partials, and the evidence page shows observed against expected with the
 * way to request an exception.
 */
@ServerTest
class CompliancePagesTest {

    static final String FRAMEWORK = "nist-800-53-r5";

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fx;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TenantTransactions tx;

    UUID tenant;
    UUID web;
    ConsoleClient console;

    @BeforeEach
    void setUp() {
        tenant = fx.tenant(fx.root(), "compliance-pages");
        console = new ConsoleClient(port);
        console.login(fx.user(tenant, "ANALYST"), Fixtures.PASSWORD, null);
        web = UUID.randomUUID();
        tx.write(
                TenantScope.of(tenant),
                () -> jdbc.sql("INSERT INTO compliance_asset (tenant_id, agent_id, name, hostname, os_family,"
                                + " evaluated_at) VALUES (?, ?, 'web-pages', 'web-pages.example.com', 'linux', now())")
                        .params(tenant, web)
                        .update());
        result("pages-ssh-root", "CRITICAL", "FAIL", "yes");
        result("pages-banner", "LOW", "PASS", "no");
        fx.complianceDay(tenant, FRAMEWORK, 3, 1, 1, 75.0);
    }

    @Test
    void overviewShowsTheScoreCardsAndTheResults() {
        HttpResponse<String> page = console.get("/compliance?tenant=" + tenant);
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        String body = page.body();
        assertThat(body).contains("data-testid=\"framework-card-" + FRAMEWORK + "\"");
        assertThat(body).contains(">75.0<");
        assertThat(body).contains("3 pass").contains("1 fail");
        assertThat(body).contains("data-compliance-chart=\"trend\"");
        assertThat(body)
                .contains("data-testid=\"result-pages-ssh-root\"")
                .contains("data-testid=\"result-pages-banner\"");
        assertThat(body)
                .contains("/compliance/export?format=csv")
                .contains("format=xccdf")
                .contains("format=hdf");
        // Most severe first by default.
        assertThat(body.indexOf("result-pages-ssh-root")).isLessThan(body.indexOf("result-pages-banner"));
    }

    @Test
    void theResultsPartialFiltersSortsAndRefusesBadFilters() {
        HttpResponse<String> failing = console.get("/compliance/results?tenant=" + tenant + "&verdict=FAIL");
        assertThat(failing.statusCode()).isEqualTo(200);
        assertThat(failing.body())
                .contains("result-pages-ssh-root")
                .doesNotContain("result-pages-banner")
                .doesNotContain("<html");

        HttpResponse<String> byCheck = console.get("/compliance/results?tenant=" + tenant + "&sort=check");
        assertThat(byCheck.body().indexOf("result-pages-banner"))
                .isLessThan(byCheck.body().indexOf("result-pages-ssh-root"));

        HttpResponse<String> searched = console.get("/compliance/results?tenant=" + tenant + "&q=banner");
        assertThat(searched.body()).contains("result-pages-banner").doesNotContain("result-pages-ssh-root");

        HttpResponse<String> bad = console.get("/compliance/results?tenant=" + tenant + "&agent=not-a-uuid");
        assertThat(bad.statusCode()).isEqualTo(200);
        assertThat(bad.body()).contains("data-testid=\"filter-error\"").contains("agent");
    }

    @Test
    void evidenceShowsObservedAgainstExpectedAndOffersAnException() {
        HttpResponse<String> page = console.get("/compliance/results/" + web + "/pages-ssh-root?tenant=" + tenant);
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.body())
                .contains("data-testid=\"evidence-row\"")
                .contains("<td class=\"font-monospace small text-break\" data-testid=\"observed\">yes</td>")
                .contains("<td class=\"font-monospace small text-break\" data-testid=\"expected\">no</td>")
                .contains("data-testid=\"request-exception\"")
                .contains("checkId=pages-ssh-root")
                .contains("assetId=" + web);

        assertThat(console.get("/compliance/results/" + web + "/no-such-check?tenant=" + tenant)
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void dashboardTilesShowThePostureAndTheSevereFailures() {
        HttpResponse<String> dashboard = console.get("/");
        assertThat(dashboard.statusCode()).isEqualTo(200);
        assertThat(dashboard.body()).contains("data-testid=\"compliance-failing-severe\">1<");
        assertThat(dashboard.body()).contains("data-testid=\"chart-compliance-posture\"");
        assertThat(dashboard.body()).containsPattern("data-series=\"\\{&quot;[^\"]*&quot;:75\\}\"");
    }

    private void result(String checkId, String severity, String verdict, String observed) {
        Timestamp now = Timestamp.from(Instant.now());
        String evidence = "[{\"rule\":\"fact rule of " + checkId + "\",\"held\":" + verdict.equals("PASS")
                + ",\"observed\":\"" + observed + "\",\"expected\":\"no\",\"source\":\"item\",\"scanId\":null,"
                + "\"observedAt\":\"" + now.toInstant() + "\"}]";
        tx.write(
                TenantScope.of(tenant),
                () -> jdbc.sql("INSERT INTO compliance_result (tenant_id, agent_id, policy_id, check_id, check_version,"
                                + " policy_version, title, severity, verdict, reason, evidence, changed_at)"
                                + " VALUES (?, ?, 'pages-policy', ?, 1, '1', ?, ?, ?, '', ?::jsonb, ?)")
                        .params(tenant, web, checkId, "Title of " + checkId, severity, verdict, evidence, now)
                        .update());
    }
}
