package io.tenantra.agent;

import io.tenantra.model.AgentProtocol;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;

/**
 * The agent's Ed25519 identity (JDK crypto only) and the short-lived request tokens it signs
 * with it, exactly as {@link AgentProtocol} describes.
 */
final class AgentKeys {

    /** Each token is valid for one minute: long enough for a slow network, short against replay. */
    static final Duration TOKEN_LIFETIME = Duration.ofSeconds(60);

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String HEADER =
            b64(JSON.writeValueAsBytes(Map.of("alg", AgentProtocol.ALGORITHM, "typ", AgentProtocol.TOKEN_TYPE)));

    private final PrivateKey privateKey;

    AgentKeys(PrivateKey privateKey) {
        this.privateKey = privateKey;
    }

    static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java runtime lacks Ed25519 (Java 15 or later needed)", e);
        }
    }

    static AgentKeys load(byte[] pkcs8) {
        try {
            return new AgentKeys(KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(pkcs8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the agent key file is not an Ed25519 private key", e);
        }
    }

    /** The value of the {@code Authorization} header for one request. */
    String authorization(UUID agentId, String method, String pathAndQuery, byte[] body, Clock clock) {
        long now = clock.instant().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", agentId.toString());
        claims.put("iat", now);
        claims.put("exp", now + TOKEN_LIFETIME.toSeconds());
        claims.put("jti", UUID.randomUUID().toString());
        claims.put(
                AgentProtocol.CLAIM_REQUEST_HASH,
                AgentProtocol.requestHash(method, pathAndQuery, AgentProtocol.digest(body)));
        String input = HEADER + "." + b64(JSON.writeValueAsBytes(claims));
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(privateKey);
            signature.update(input.getBytes(StandardCharsets.US_ASCII));
            return AgentProtocol.AUTH_SCHEME + " " + input + "." + b64(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not sign a request", e);
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
