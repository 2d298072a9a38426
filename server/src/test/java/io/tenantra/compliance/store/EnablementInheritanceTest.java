package io.tenantra.compliance.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.support.ComplianceContent;
import io.tenantra.support.Fixtures;
import io.tenantra.support.Http;
import io.tenantra.support.ServerTest;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Enablement flows down the tenant tree: an MSP's choice applies to its customers until a
 * customer chooses for itself, and a customer that resets to null inherits again. Each answer
 * names the tenant the choice came from.
 */
@ServerTest
class EnablementInheritanceTest {

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fx;

    Http http;
    UUID msp;
    UUID customer;
    UUID site;
    String admin;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        msp = fx.tenant(fx.root(), "msp");
        customer = fx.tenant(msp, "customer");
        site = fx.tenant(customer, "site");
        admin = http.login(fx.user(msp, "ADMIN"), Fixtures.PASSWORD);
    }

    @Test
    void aChildInheritsUntilItChoosesAndInheritsAgainAfterReset() {
        String chosen = Fixtures.unique("msp-framework");
        Http.Response imported = http.send(http.request("/api/v1/tenants/" + msp + "/compliance/frameworks", admin)
                .header("Content-Type", "application/yaml")
                .POST(HttpRequest.BodyPublishers.ofString(ComplianceContent.framework(chosen)))
                .build());
        assertThat(imported.status()).as(imported.body()).isEqualTo(201);
        List<String> available = frameworks(site);

        JsonNode untouched = get(site).get("effective");
        assertThat(untouched.get("frameworks")).hasSize(available.size());
        assertThat(untouched.get("frameworksFrom").isNull()).isTrue();

        assertThat(put(msp, "{\"frameworks\":[\"" + chosen + "\"],\"policies\":null}")
                        .status())
                .isEqualTo(200);
        JsonNode inherited = get(site).get("effective");
        assertThat(texts(inherited.get("frameworks"))).containsExactly(chosen);
        assertThat(inherited.get("frameworksFrom").asString()).isEqualTo(msp.toString());
        assertThat(get(site).get("own").get("frameworks").isNull()).isTrue();
        assertThat(inherited.get("policiesFrom").isNull())
                .as("policies were not chosen")
                .isTrue();

        assertThat(put(customer, "{\"frameworks\":[],\"policies\":null}").status())
                .isEqualTo(200);
        JsonNode overridden = get(site).get("effective");
        assertThat(overridden.get("frameworks")).isEmpty();
        assertThat(overridden.get("frameworksFrom").asString()).isEqualTo(customer.toString());
        assertThat(texts(get(msp).get("effective").get("frameworks")))
                .as("a child's choice never moves up")
                .containsExactly(chosen);

        assertThat(put(customer, "{\"frameworks\":null,\"policies\":null}").status())
                .isEqualTo(200);
        assertThat(get(site).get("effective").get("frameworksFrom").asString()).isEqualTo(msp.toString());
    }

    @Test
    void changingAParentsEnablementReEvaluatesTheTenantsBelow() {
        Http.Response changed = put(msp, "{\"frameworks\":null,\"policies\":null}");
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().get("evaluation").get("tenantId").asString()).isEqualTo(msp.toString());
        String auditPath = "/api/v1/tenants/" + site + "/audit-events?action=compliance.evaluation.start";
        Http.Response trail = http.get(auditPath, admin);
        assertThat(trail.status()).as(trail.body()).isEqualTo(200);
        assertThat(trail.json().get("items")).isNotEmpty();
    }

    private List<String> frameworks(UUID tenant) {
        Http.Response response = http.get("/api/v1/tenants/" + tenant + "/compliance/frameworks", admin);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return texts(response.json(), "id");
    }

    private JsonNode get(UUID tenant) {
        Http.Response response = http.get("/api/v1/tenants/" + tenant + "/compliance/enablement", admin);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private Http.Response put(UUID tenant, String json) {
        return http.send(http.request("/api/v1/tenants/" + tenant + "/compliance/enablement", admin)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asString()));
        return values;
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.get(field).asString()));
        return values;
    }
}
