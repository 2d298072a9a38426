package io.tenantra.compliance.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.support.ConsoleClient;
import io.tenantra.support.Fixtures;
import io.tenantra.support.ServerTest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The exception pages over real HTTP with real sessions: an analyst requests from the form, the
 * requester's own approval is refused in the row, another admin approves, the detail page shows
 * the history, and a refused form says which field is wrong.
 */
@ServerTest
class ExceptionPagesTest {

    private static final Pattern EXCEPTION_ID = Pattern.compile("id=\"exception-([0-9a-f-]{36})\"");

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fx;

    private ConsoleClient session(UUID tenant, String role) {
        ConsoleClient console = new ConsoleClient(port);
        console.login(fx.user(tenant, role), Fixtures.PASSWORD, null);
        return console;
    }

    private static Map<String, String> form(UUID tenant, String check) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("tenant", tenant.toString());
        form.put("checkId", check);
        form.put("scope", "tenant");
        form.put("kind", "ACCEPT");
        form.put("overrideTo", "");
        form.put("expiresOn", LocalDate.now(ZoneOffset.UTC).plusDays(20).toString());
        form.put("reason", "The legacy service needs it until the migration in March.");
        return form;
    }

    @Test
    void requestThenApproveByAnotherAdmin() {
        UUID tenant = fx.tenant(fx.root(), "exception-pages");
        ConsoleClient analyst = session(tenant, "ANALYST");
        ConsoleClient admin = session(tenant, "ADMIN");

        HttpResponse<String> page = analyst.get("/compliance/exceptions?tenant=" + tenant);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("data-testid=\"request-exception-form\"");
        assertThat(page.body()).as("an analyst cannot approve").doesNotContain("data-testid=\"approve-exception\"");

        HttpResponse<String> requested = analyst.post("/compliance/exceptions", form(tenant, "tn-linux-telnet"));
        assertThat(requested.statusCode()).isEqualTo(200);
        assertThat(requested.body()).contains("data-testid=\"exception-requested\"");
        Matcher m = EXCEPTION_ID.matcher(requested.body());
        assertThat(m.find()).isTrue();
        String id = m.group(1);

        HttpResponse<String> list = admin.get("/compliance/exceptions?tenant=" + tenant + "&state=pending");
        assertThat(list.body()).contains("data-testid=\"approve-exception\"").contains("tn-linux-telnet");
        HttpResponse<String> approved =
                admin.post("/compliance/exceptions/" + id + "/approve?tenant=" + tenant, Map.of());
        assertThat(approved.statusCode()).isEqualTo(200);
        assertThat(approved.body()).contains("data-state=\"approved\"").doesNotContain("row-error");

        HttpResponse<String> detail = analyst.get("/compliance/exceptions/" + id + "?tenant=" + tenant);
        assertThat(detail.statusCode()).isEqualTo(200);
        assertThat(detail.body()).contains(">requested<").contains(">approved<");
    }

    @Test
    void theRequesterSeesWhyTheirOwnApprovalIsRefused() {
        UUID tenant = fx.tenant(fx.root(), "exception-pages-self");
        ConsoleClient admin = session(tenant, "ADMIN");
        admin.get("/compliance/exceptions?tenant=" + tenant);
        HttpResponse<String> requested = admin.post("/compliance/exceptions", form(tenant, "tn-linux-rsh"));
        Matcher m = EXCEPTION_ID.matcher(requested.body());
        assertThat(m.find()).isTrue();
        HttpResponse<String> own =
                admin.post("/compliance/exceptions/" + m.group(1) + "/approve?tenant=" + tenant, Map.of());
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(own.body())
                .contains("data-state=\"pending\"")
                .contains("someone other than the user who requested it");
    }

    @Test
    void aRefusedFormNamesTheFieldAndKeepsWhatWasTyped() {
        UUID tenant = fx.tenant(fx.root(), "exception-pages-bad");
        ConsoleClient analyst = session(tenant, "ANALYST");
        analyst.get("/compliance/exceptions?tenant=" + tenant);
        Map<String, String> bad = form(tenant, "tn-linux-ok");
        bad.put("reason", "   ");
        HttpResponse<String> refused = analyst.post("/compliance/exceptions", bad);
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("data-testid=\"form-error\"").contains("The reason is required");
        assertThat(refused.body()).contains("value=\"tn-linux-ok\"");
    }
}
