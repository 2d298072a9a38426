package io.tenantra.compliance.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.support.ComplianceContent;
import io.tenantra.support.Fixtures;
import io.tenantra.support.Http;
import io.tenantra.support.ServerTest;
import java.net.http.HttpRequest;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * An MSP's roll-up: the summary of its subtree combines its customers' history rows (means
 * weighted by asset count, counts pooled), and only the customers the caller may read count.
 */
@ServerTest
class SubtreeSummaryTest {

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fx;

    Http http;
    UUID msp;
    String framework;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        msp = fx.tenant(fx.root(), "rollup-msp");
        UUID first = fx.tenant(msp, "rollup-a");
        UUID second = fx.tenant(msp, "rollup-b");
        String admin = http.login(fx.user(msp, "ADMIN"), Fixtures.PASSWORD);
        framework = Fixtures.unique("rollup-fw");
        Http.Response imported = http.send(http.request("/api/v1/tenants/" + msp + "/compliance/frameworks", admin)
                .header("Content-Type", "application/yaml")
                .POST(HttpRequest.BodyPublishers.ofString(ComplianceContent.framework(framework)))
                .build());
        assertThat(imported.status()).as(imported.body()).isEqualTo(201);
        fx.complianceDay(first, framework, 30, 10, 3, 80.0);
        fx.complianceDay(second, framework, 10, 10, 1, 40.0);
    }

    @Test
    void theSubtreeCombinesEveryReadableCustomer() {
        String admin = http.login(fx.user(msp, "ADMIN"), Fixtures.PASSWORD);
        JsonNode own = summary(admin, "tenant");
        assertThat(own.get("assets").asInt()).isZero();
        assertThat(own.get("score").isNull()).isTrue();

        JsonNode all = summary(admin, "subtree");
        assertThat(all.get("assets").asInt()).isEqualTo(4);
        assertThat(all.get("tenants").asInt()).isEqualTo(2);
        assertThat(all.get("pass").asInt()).isEqualTo(40);
        assertThat(all.get("fail").asInt()).isEqualTo(20);
        assertThat(all.get("score").asDouble()).as("(3 × 80 + 1 × 40) / 4").isEqualTo(70.0);
        assertThat(all.get("pooledScore").asDouble()).as("40 / 60").isEqualTo(66.67);
    }

    @Test
    void aCallerBoundOnTheMspAloneSeesNoCustomerInTheRollUp() {
        String onlyHere = http.login(fx.user(msp, "ADMIN", msp, false), Fixtures.PASSWORD);
        JsonNode all = summary(onlyHere, "subtree");
        assertThat(all.get("assets").asInt()).isZero();
    }

    private JsonNode summary(String token, String scope) {
        Http.Response response = http.get("/api/v1/tenants/" + msp + "/compliance/summary?scope=" + scope, token);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        for (JsonNode f : response.json().get("frameworks")) {
            if (f.get("frameworkId").asString().equals(framework)) {
                return f;
            }
        }
        throw new AssertionError("no " + framework + " in " + response.body());
    }
}
