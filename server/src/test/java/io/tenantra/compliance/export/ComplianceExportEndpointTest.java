package io.tenantra.compliance.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.database.TenantTransactions;
import io.tenantra.platform.context.TenantScope;
import io.tenantra.support.Fixtures;
import io.tenantra.support.Http;
import io.tenantra.support.ServerTest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The export endpoint over HTTP: each format carries the stored verdicts with their evidence,
 * the results filters narrow it, bad input is a 422 naming the parameter, and every export is
 * in the audit trail with its format.
 */
@ServerTest
class ComplianceExportEndpointTest {

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fx;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TenantTransactions tx;

    Http http;
    UUID tenant;
    String admin;
    String base;
    UUID web;
    UUID db;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        tenant = fx.tenant(fx.root(), "compliance-export");
        admin = http.login(fx.user(tenant, "ADMIN"), Fixtures.PASSWORD);
        base = "/api/v1/tenants/" + tenant + "/compliance/export";
        web = asset("web-export");
        db = asset("db-export");
        result(web, "export-ssh-root", "HIGH", "FAIL", "yes");
        result(web, "export-banner", "LOW", "PASS", "Authorized use only");
        result(db, "export-ssh-root", "HIGH", "PASS", "no");
    }

    @Test
    void csvCarriesEveryStoredVerdictWithItsEvidence() {
        Http.Response csv = http.get(base + "?format=csv", admin);
        assertThat(csv.status()).as(csv.body()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(csv.header("Content-Disposition")).contains("attachment").contains(".csv");
        String[] lines = csv.body().split("\r\n");
        assertThat(lines[0]).isEqualTo(String.join(",", CsvExport.HEADER));
        assertThat(lines).hasSize(4);
        assertThat(csv.body())
                .contains(web + ",web-export,")
                .contains("export-ssh-root")
                .contains("FAIL")
                .contains("observed: yes; expected: no")
                .contains("observed: Authorized use only");
    }

    @Test
    void filtersNarrowTheExportLikeTheResultsList() {
        Http.Response failing = http.get(base + "?format=csv&verdict=fail", admin);
        assertThat(failing.status()).as(failing.body()).isEqualTo(200);
        assertThat(failing.body().split("\r\n")).hasSize(2);
        assertThat(failing.body()).contains(web.toString()).doesNotContain(db.toString());

        Http.Response oneAsset = http.get(base + "?format=csv&agent=" + db, admin);
        assertThat(oneAsset.body().split("\r\n")).hasSize(2);
        assertThat(oneAsset.body()).contains(db.toString()).doesNotContain(web.toString());
    }

    @Test
    void xccdfHasOneReportPerAssetWithEachRuleResult() {
        Http.Response xml = http.get(base + "?format=xccdf", admin);
        assertThat(xml.status()).as(xml.body()).isEqualTo(200);
        assertThat(xml.header("Content-Type")).startsWith("application/xml");
        assertThat(xml.body())
                .contains("asset-report-collection")
                .contains(XccdfExport.ruleId("export-ssh-root"))
                .contains(XccdfExport.ruleId("export-banner"));
        assertThat(occurrences(xml.body(), "<arf:report ")).isEqualTo(2);
        assertThat(occurrences(xml.body(), "<xccdf:rule-result ")).isEqualTo(3);
        assertThat(xml.body()).contains(">fail<").contains(">pass<");
    }

    @Test
    void hdfListsEveryCheckWithItsResultsPerAsset() {
        Http.Response hdf = http.get(base + "?format=hdf&severity=high", admin);
        assertThat(hdf.status()).as(hdf.body()).isEqualTo(200);
        JsonNode json = hdf.json();
        assertThat(json.toString())
                .contains("export-ssh-root")
                .doesNotContain("export-banner")
                .contains("failed")
                .contains("passed");
    }

    @Test
    void hdfGroupsTheResultsOfEveryAssetUnderEachCheck() {
        Http.Response hdf = http.get(base + "?format=hdf", admin);
        assertThat(hdf.status()).as(hdf.body()).isEqualTo(200);
        JsonNode controls = hdf.json().get("profiles").get(0).get("controls");
        assertThat(controls).hasSize(2);
        for (JsonNode control : controls) {
            int expected = control.get("id").asString().equals("export-ssh-root") ? 2 : 1;
            assertThat(control.get("results")).hasSize(expected);
        }
    }

    @Test
    void badInputIsAProblemNamingTheParameter() {
        for (String query : new String[] {"", "?format=pdf", "?format=csv&verdict=maybe", "?format=csv&agent=nope"}) {
            Http.Response response = http.get(base + query, admin);
            assertThat(response.status()).as(query + " " + response.body()).isEqualTo(422);
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        }
    }

    @Test
    void everyExportIsAudited() throws InterruptedException {
        assertThat(http.get(base + "?format=xccdf&verdict=fail", admin).status())
                .isEqualTo(200);
        String trail = "/api/v1/tenants/" + tenant + "/audit-events?action=compliance.export";
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        JsonNode items;
        do {
            Http.Response response = http.get(trail, admin);
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            items = response.json().get("items");
            if (!items.isEmpty()) {
                break;
            }
            Thread.sleep(100);
        } while (Instant.now().isBefore(deadline));
        assertThat(items).hasSize(1);
        assertThat(items.get(0).toString()).contains("xccdf").contains("fail");
    }

    private UUID asset(String name) {
        UUID agent = UUID.randomUUID();
        tx.write(
                TenantScope.of(tenant),
                () -> jdbc.sql("INSERT INTO compliance_asset (tenant_id, agent_id, name, hostname, os_family,"
                                + " evaluated_at) VALUES (?, ?, ?, ?, 'linux', now())")
                        .params(tenant, agent, name, name + ".example.com")
                        .update());
        return agent;
    }

    private void result(UUID agent, String checkId, String severity, String verdict, String observed) {
        Timestamp now = Timestamp.from(Instant.now());
        String evidence = "[{\"rule\":\"fact rule of " + checkId + "\",\"held\":" + verdict.equals("PASS")
                + ",\"observed\":\"" + observed + "\",\"expected\":\"no\",\"source\":\"item\",\"scanId\":null,"
                + "\"observedAt\":\"" + now.toInstant() + "\"}]";
        tx.write(
                TenantScope.of(tenant),
                () -> jdbc.sql("INSERT INTO compliance_result (tenant_id, agent_id, policy_id, check_id, check_version,"
                                + " policy_version, title, severity, verdict, reason, evidence, changed_at)"
                                + " VALUES (?, ?, 'export-policy', ?, 1, '1', ?, ?, ?, '', ?::jsonb, ?)")
                        .params(tenant, agent, checkId, "Title of " + checkId, severity, verdict, evidence, now)
                        .update());
    }

    private static int occurrences(String text, String needle) {
        int count = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
            count++;
        }
        return count;
    }
}
