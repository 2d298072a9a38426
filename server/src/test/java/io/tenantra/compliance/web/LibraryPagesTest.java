package io.tenantra.compliance.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.support.ComplianceContent;
import io.tenantra.support.ConsoleClient;
import io.tenantra.support.Fixtures;
import io.tenantra.support.ServerTest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The policy library over real HTTP with real sessions: an administrator imports a pasted policy
 * with a command rule (blocked until allowed), follows the re-evaluation it started, switches the
 * policy off and allows its command rules; a reader sees no forms; a bad import says why.
 */
@ServerTest
class LibraryPagesTest {

    private static final Pattern EVALUATION = Pattern.compile("/compliance/library/evaluations/([0-9a-f-]{36})");

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fx;

    @Test
    void anAdministratorImportsSwitchesOffAndAllowsCommandRules() {
        UUID tenant = fx.tenant(fx.root(), "library-pages");
        ConsoleClient admin = new ConsoleClient(port);
        admin.login(fx.user(tenant, "ADMIN"), Fixtures.PASSWORD, null);
        String policy = Fixtures.unique("library");
        assertThat(admin.get("/compliance/library?tenant=" + tenant).body())
                .contains("data-testid=\"import-policy-form\"");

        HttpResponse<String> imported = admin.post(
                "/compliance/library",
                Map.of(
                        "tenant", tenant.toString(),
                        "format", "tenantra",
                        "source", ComplianceContent.policy(policy, true)));
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        String body = imported.body();
        assertThat(body).contains("data-testid=\"policy-imported\"").contains("data-testid=\"policy-" + policy + "\"");
        assertThat(body).contains("data-testid=\"command-rules-state\">blocked<");
        assertThat(body).contains("data-testid=\"evaluation-progress\"");

        Matcher m = EVALUATION.matcher(body);
        if (m.find()) {
            HttpResponse<String> progress =
                    admin.get("/compliance/library/evaluations/" + m.group(1) + "?tenant=" + tenant);
            assertThat(progress.statusCode()).isEqualTo(200);
            assertThat(progress.body())
                    .contains("data-testid=\"evaluation-state\"")
                    .doesNotContain("<html");
        }

        HttpResponse<String> allowed = admin.post(
                "/compliance/library/" + policy + "/command-rules",
                Map.of("tenant", tenant.toString(), "version", "1.0", "enabled", "true"));
        assertThat(allowed.statusCode()).as(allowed.body()).isEqualTo(200);
        assertThat(allowed.body()).contains("data-testid=\"command-rules-state\">allowed<");

        HttpResponse<String> off = admin.post(
                "/compliance/library/" + policy + "/enabled",
                Map.of("tenant", tenant.toString(), "version", "1.0", "enabled", "false"));
        assertThat(off.statusCode()).as(off.body()).isEqualTo(200);
        String row = off.body().substring(off.body().indexOf("data-testid=\"policy-" + policy + "\""));
        assertThat(row).contains("data-testid=\"policy-state\">off<");
    }

    @Test
    void aBadImportSaysWhyAndReadersSeeNoForms() {
        UUID tenant = fx.tenant(fx.root(), "library-readers");
        ConsoleClient admin = new ConsoleClient(port);
        admin.login(fx.user(tenant, "ADMIN"), Fixtures.PASSWORD, null);
        admin.get("/compliance/library?tenant=" + tenant);
        HttpResponse<String> bad = admin.post(
                "/compliance/library",
                Map.of("tenant", tenant.toString(), "format", "tenantra", "source", "format: tenantra/checks@1\n"));
        assertThat(bad.statusCode()).isEqualTo(200);
        assertThat(bad.body()).contains("data-testid=\"form-error\"");

        ConsoleClient reader = new ConsoleClient(port);
        reader.login(fx.user(tenant, "READONLY"), Fixtures.PASSWORD, null);
        HttpResponse<String> page = reader.get("/compliance/library?tenant=" + tenant);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("data-testid=\"policies\"")
                .doesNotContain("data-testid=\"import-policy-form\"")
                .doesNotContain("data-testid=\"toggle-command-rules\"");
        assertThat(reader.post("/compliance/library", Map.of("tenant", tenant.toString(), "source", "x"))
                        .statusCode())
                .isEqualTo(403);
    }
}
