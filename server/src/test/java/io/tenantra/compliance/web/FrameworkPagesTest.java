package io.tenantra.compliance.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.database.TenantTransactions;
import io.tenantra.platform.context.TenantScope;
import io.tenantra.support.ComplianceContent;
import io.tenantra.support.ConsoleClient;
import io.tenantra.support.Fixtures;
import io.tenantra.support.Http;
import io.tenantra.support.ServerTest;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The framework page (pass/fail per control, coverage map) and its drill-down from a control to
 * the assets failing it and on to the evidence, for a framework and policy the tenant imported.
 */
@ServerTest
class FrameworkPagesTest {

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fx;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TenantTransactions tx;

    @Test
    void aFailingCheckShowsOnItsControlAndLeadsToTheEvidence() {
        UUID tenant = fx.tenant(fx.root(), "framework-pages");
        Http http = new Http(port);
        String admin = http.login(fx.user(tenant, "ADMIN"), Fixtures.PASSWORD);
        String api = "/api/v1/tenants/" + tenant + "/compliance";
        assertThat(yaml(http, admin, api + "/frameworks", ComplianceContent.framework("probe-framework")))
                .isEqualTo(201);
        String policy = Fixtures.unique("fw-pages");
        assertThat(yaml(http, admin, api + "/policies", ComplianceContent.policy(policy, false)))
                .isEqualTo(201);
        UUID asset = UUID.randomUUID();
        tx.write(TenantScope.of(tenant), () -> {
            jdbc.sql("INSERT INTO compliance_asset (tenant_id, agent_id, name, hostname, os_family, evaluated_at)"
                            + " VALUES (?, ?, 'db-framework', 'db.example.com', 'linux', now())")
                    .params(tenant, asset)
                    .update();
            return jdbc.sql("INSERT INTO compliance_result (tenant_id, agent_id, policy_id, check_id, check_version,"
                            + " policy_version, title, severity, verdict, reason, evidence, changed_at)"
                            + " VALUES (?, ?, ?, ?, 1, '1.0', 'SSH root', 'HIGH', 'FAIL', '', '[]', now())")
                    .params(tenant, asset, policy, policy + "-fact")
                    .update();
        });

        ConsoleClient console = new ConsoleClient(port);
        console.login(fx.user(tenant, "READONLY"), Fixtures.PASSWORD, null);
        HttpResponse<String> page = console.get("/compliance/frameworks/probe-framework?tenant=" + tenant);
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        String row = page.body().substring(page.body().indexOf("data-testid=\"control-PR-1\""));
        assertThat(row).containsPattern("data-testid=\"fail\"[^>]*>1</td>");
        assertThat(page.body()).contains("data-compliance-chart=\"controls\"").contains("data-state=\"COVERED\"");
        assertThat(page.body()).contains("data-testid=\"coverage-percent\">100.0 %<");

        HttpResponse<String> control =
                console.get("/compliance/frameworks/probe-framework/controls/PR-1?tenant=" + tenant);
        assertThat(control.statusCode()).as(control.body()).isEqualTo(200);
        assertThat(control.body())
                .contains("data-testid=\"failing-row\"")
                .contains("db-framework")
                .contains("/compliance/results/" + asset + "/" + policy + "-fact?tenant=" + tenant);

        assertThat(console.get("/compliance/frameworks/probe-framework/controls/NOPE-9?tenant=" + tenant)
                        .statusCode())
                .isEqualTo(404);
        assertThat(console.get("/compliance/frameworks/no-such-framework?tenant=" + tenant)
                        .statusCode())
                .isEqualTo(404);
    }

    private static int yaml(Http http, String token, String path, String body) {
        Http.Response response = http.send(http.request(path, token)
                .header("Content-Type", "application/yaml")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
        assertThat(response.status()).as(response.body()).isBetween(200, 201);
        return response.status();
    }
}
