package io.tenantra.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AgentProtocolTest {

    private static final String EMPTY = AgentProtocol.digest(new byte[0]);

    @Test
    void theDigestOfNothingIsTheWellKnownSha256() {
        assertThat(EMPTY).isEqualTo("47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU");
    }

    @Test
    void theRequestHashBindsMethodPathQueryAndBody() {
        String base = AgentProtocol.requestHash("GET", "/api/v1/agent/jobs?waitSeconds=30", EMPTY);
        assertThat(base)
                .hasSize(43)
                .isEqualTo(AgentProtocol.requestHash("GET", "/api/v1/agent/jobs?waitSeconds=30", EMPTY));
        assertThat(AgentProtocol.requestHash("POST", "/api/v1/agent/jobs?waitSeconds=30", EMPTY))
                .isNotEqualTo(base);
        assertThat(AgentProtocol.requestHash("GET", "/api/v1/agent/jobs?waitSeconds=31", EMPTY))
                .isNotEqualTo(base);
        String body = AgentProtocol.digest("{}".getBytes(StandardCharsets.UTF_8));
        assertThat(AgentProtocol.requestHash("GET", "/api/v1/agent/jobs?waitSeconds=30", body))
                .isNotEqualTo(base);
    }

    @Test
    void recordsNormaliseMissingCollections() {
        assertThat(new JobResult(null, null, null, null, null).results()).isEmpty();
        assertThat(new EnrollmentRequest("t", "k", null, null, null).tags()).isEmpty();
        assertThat(new AgentConfig(null, 60, 300, 30).modules()).isEmpty();
    }
}
