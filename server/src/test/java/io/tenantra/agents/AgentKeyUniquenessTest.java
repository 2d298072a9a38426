package io.tenantra.agents;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.support.Fixtures;
import io.tenantra.support.Http;
import io.tenantra.support.ServerTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Issue 14, item 9: an agent's public key identifies one live agent; a second enrolment with it is refused. */
@ServerTest
class AgentKeyUniquenessTest {

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fx;

    Http http;
    AgentWorld world;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        world = new AgentWorld(http, fx);
    }

    @Test
    void aKeyAlreadyEnrolledIsRefusedInTheSameTenantAndInAnother() {
        TestAgent first = new TestAgent(http).enroll(world.token(null, null, Map.of()), "host-a", "linux", Map.of());
        assertThat(first.id).isNotNull();

        Http.Response sameTenant = http.postJson(
                "/api/v1/agent/enroll",
                null,
                first.enrollment(world.token(null, null, Map.of()), "host-b", "linux", Map.of()));
        assertThat(sameTenant.status()).as(sameTenant.body()).isEqualTo(409);
        assertThat(sameTenant.header("Content-Type")).startsWith("application/problem+json");
        assertThat(sameTenant.json().get("type").asString()).isEqualTo("urn:tenantra:problem:conflict");

        AgentWorld other = new AgentWorld(http, fx);
        Http.Response otherTenant = http.postJson(
                "/api/v1/agent/enroll",
                null,
                first.enrollment(other.token(null, null, Map.of()), "host-c", "linux", Map.of()));
        assertThat(otherTenant.status()).as(otherTenant.body()).isEqualTo(409);

        // A fresh key enrolls with the same token as before: only the key was the problem.
        TestAgent fresh = new TestAgent(http).enroll(world.token(null, null, Map.of()), "host-d", "linux", Map.of());
        assertThat(fresh.id).isNotEqualTo(first.id);
    }
}
