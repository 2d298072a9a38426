package io.tenantra.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.model.AgentProtocol;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class AgentKeysTest {

    @Test
    void theTokenIsAnEdDsaJwtBoundToTheRequestAndValidForOneMinute() throws Exception {
        KeyPair pair = AgentKeys.generate();
        AgentKeys keys = AgentKeys.load(pair.getPrivate().getEncoded());
        UUID agent = UUID.randomUUID();
        Clock clock = Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC);
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);

        String header = keys.authorization(agent, "POST", "/api/v1/agent/heartbeat", body, clock);
        assertThat(header).startsWith("Agent ");
        String[] parts = header.substring(6).split("\\.");
        assertThat(parts).hasSize(3);

        JsonMapper json = JsonMapper.builder().build();
        JsonNode head = json.readTree(Base64.getUrlDecoder().decode(parts[0]));
        assertThat(head.get("alg").asString()).isEqualTo("EdDSA");
        assertThat(head.get("typ").asString()).isEqualTo(AgentProtocol.TOKEN_TYPE);
        JsonNode claims = json.readTree(Base64.getUrlDecoder().decode(parts[1]));
        assertThat(claims.get("sub").asString()).isEqualTo(agent.toString());
        assertThat(claims.get("exp").asLong() - claims.get("iat").asLong()).isEqualTo(60);
        assertThat(claims.get("rqh").asString())
                .isEqualTo(AgentProtocol.requestHash("POST", "/api/v1/agent/heartbeat", AgentProtocol.digest(body)));

        Signature verify = Signature.getInstance("Ed25519");
        verify.initVerify(pair.getPublic());
        verify.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(verify.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();

        String second = keys.authorization(agent, "POST", "/api/v1/agent/heartbeat", body, clock);
        assertThat(second).as("a fresh jti every time").isNotEqualTo(header);
    }
}
