package io.tenantra.agents;

import io.tenantra.identity.CredentialGuard;
import io.tenantra.model.AgentProtocol;
import io.tenantra.platform.context.Origin;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks an agent's signed request token (see {@link AgentProtocol}) with Ed25519, in
 * an order that spends nothing on unauthenticated input: shape and claims first, then the cached
 * key and the signature, and only then the checks that touch state (revocation, tenant, replay).
 */
@Component
class AgentTokenVerifier {

    /** How far an agent's clock may run ahead of the server's. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    private static final int MAX_TOKEN_LENGTH = 4096;

    private final AgentIdentities identities;
    private final ReplayCache replays;
    private final CredentialGuard guard;
    private final JsonMapper json;
    private final Clock clock;

    AgentTokenVerifier(
            AgentIdentities identities, ReplayCache replays, CredentialGuard guard, JsonMapper json, Clock clock) {
        this.identities = identities;
        this.replays = replays;
        this.guard = guard;
        this.json = json;
        this.clock = clock;
    }

    /** Why a request was refused; {@code identity} is set once the signature proved who sent it. */
    static final class Rejected extends Exception {
        final int status;
        final String reason;
        final transient AgentIdentities.Identity identity;

        Rejected(int status, String reason, String detail, AgentIdentities.Identity identity) {
            super(detail, null, false, false);
            this.status = status;
            this.reason = reason;
            this.identity = identity;
        }
    }

    AgentPrincipal verify(String authorization, String method, String pathAndQuery, String bodyDigest, Origin origin)
            throws Rejected {
        String prefix = AgentProtocol.AUTH_SCHEME + " ";
        if (authorization == null || !authorization.regionMatches(true, 0, prefix, 0, prefix.length())) {
            throw unauthenticated("missing", "This endpoint needs a signed agent token (Authorization: Agent ...).");
        }
        String token = authorization.substring(prefix.length()).trim();
        String[] parts = token.split("\\.", -1);
        if (token.length() > MAX_TOKEN_LENGTH || parts.length != 3) {
            throw unauthenticated("malformed", "The agent token is malformed.");
        }
        JsonNode header = decode(parts[0]);
        JsonNode claims = decode(parts[1]);
        if (!AgentProtocol.ALGORITHM.equals(text(header, "alg"))
                || !AgentProtocol.TOKEN_TYPE.equals(text(header, "typ"))
                || header.has("crit")) {
            throw unauthenticated("malformed", "The agent token has the wrong type or algorithm.");
        }
        UUID agentId = uuid(text(claims, "sub"));
        String jti = text(claims, "jti");
        String requestHash = text(claims, "rqh");
        JsonNode iat = claims.get("iat");
        JsonNode exp = claims.get("exp");
        if (agentId == null
                || jti == null
                || jti.isEmpty()
                || jti.length() > 128
                || requestHash == null
                || iat == null
                || !iat.isIntegralNumber()
                || exp == null
                || !exp.isIntegralNumber()) {
            throw unauthenticated("malformed", "The agent token lacks sub, iat, exp, jti or rqh.");
        }
        AgentIdentities.Identity identity = identities
                .find(agentId)
                .orElseThrow(() -> unauthenticated("unknown", "The agent token names no enrolled agent."));
        if (!signatureValid(identity, parts)) {
            throw unauthenticated("signature", "The agent token's signature does not verify.");
        }
        Instant now = clock.instant();
        Instant issued = Instant.ofEpochSecond(iat.asLong());
        Instant expires = Instant.ofEpochSecond(exp.asLong());
        if (issued.isAfter(now.plus(CLOCK_SKEW))) {
            throw new Rejected(
                    401, "clock", "The agent token was issued in the future; check the agent's clock.", identity);
        }
        if (!expires.isAfter(now)) {
            throw new Rejected(401, "expired", "The agent token has expired.", identity);
        }
        if (!expires.isAfter(issued)
                || Duration.between(issued, expires).compareTo(AgentProtocol.MAX_TOKEN_LIFETIME) > 0) {
            throw new Rejected(
                    401,
                    "lifetime",
                    "The agent token's lifetime must be at most " + AgentProtocol.MAX_TOKEN_LIFETIME.toSeconds()
                            + " seconds.",
                    identity);
        }
        String expected = AgentProtocol.requestHash(method, pathAndQuery, bodyDigest);
        if (!MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.US_ASCII), requestHash.getBytes(StandardCharsets.US_ASCII))) {
            throw new Rejected(401, "request_hash", "The agent token was signed for a different request.", identity);
        }
        if (identity.revoked()) {
            throw new Rejected(401, "revoked", "This agent has been revoked.", identity);
        }
        if (!guard.tenantActive(identity.tenantId())) {
            throw new Rejected(401, "tenant_suspended", "The agent's tenant is suspended.", identity);
        }
        switch (replays.use(agentId, jti, expires)) {
            case REPLAY -> throw new Rejected(401, "replay", "This agent token was already used.", identity);
            case FULL -> throw new Rejected(503, "busy", "Too many requests in flight; retry shortly.", identity);
            default -> {}
        }
        return new AgentPrincipal(agentId, identity.tenantId(), identity.name(), origin);
    }

    /**
     * RFC 8032 Ed25519 verification with Bouncy Castle's implementation, already on the class
     * path for Argon2. NB: not the JDK's Signature("Ed25519"): on Java 17 that costs about 0.7 ms
     * per verification on this class of machine against 0.1 ms here, and every agent request pays
     * it (see docs/performance-agents.md). Both follow RFC 8032, so JDK-made signatures verify.
     */
    private static boolean signatureValid(AgentIdentities.Identity identity, String[] parts) {
        try {
            byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
            if (signature.length != Ed25519.SIGNATURE_SIZE) {
                return false;
            }
            byte[] input = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
            return Ed25519.verify(signature, 0, identity.publicKey(), 0, input, 0, input.length);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private JsonNode decode(String part) throws Rejected {
        try {
            JsonNode node = json.readTree(Base64.getUrlDecoder().decode(part));
            if (node == null || !node.isObject()) {
                throw unauthenticated("malformed", "The agent token is malformed.");
            }
            return node;
        } catch (IllegalArgumentException | JacksonException e) {
            throw unauthenticated("malformed", "The agent token is malformed.");
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isString() ? value.asString() : null;
    }

    private static UUID uuid(String text) {
        try {
            return text == null ? null : UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Rejected unauthenticated(String reason, String detail) {
        return new Rejected(401, reason, detail, null);
    }
}
