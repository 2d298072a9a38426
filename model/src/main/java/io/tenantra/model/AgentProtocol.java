package io.tenantra.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;

/**
 * How an enrolled agent signs its requests, defined once for both sides.
 *
 * <p>Every request after enrollment carries {@code Authorization: Agent <jwt>}: a compact JWS
 * with header {@code {"alg":"EdDSA","typ":"tenantra-agent+jwt"}}, signed with the agent's
 * Ed25519 key, whose claims are {@code sub} (agent id), {@code iat}, {@code exp} (at most
 * {@link #MAX_TOKEN_LIFETIME} after {@code iat}), {@code jti} (a fresh UUID; the server refuses
 * one it has seen before) and {@code rqh}, the {@link #requestHash request hash} binding the
 * token to one method, path, query and body. A token copied off the wire is therefore good for
 * nothing but the identical request, once, for a few minutes.
 */
public final class AgentProtocol {

    /** Carries the protocol version ({@link ProtocolVersion#CURRENT}) on every agent request. */
    public static final String VERSION_HEADER = "X-Tenantra-Protocol";
    /** The {@code Authorization} scheme of agent requests. */
    public static final String AUTH_SCHEME = "Agent";
    /** The JWS {@code typ} of agent tokens, so one can never pass for a user's access token. */
    public static final String TOKEN_TYPE = "tenantra-agent+jwt";

    public static final String ALGORITHM = "EdDSA";
    public static final String CLAIM_REQUEST_HASH = "rqh";
    /** The longest validity ({@code exp - iat}) the server accepts. */
    public static final Duration MAX_TOKEN_LIFETIME = Duration.ofMinutes(5);

    private AgentProtocol() {}

    /**
     * Base64url (no padding) of SHA-256 over {@code METHOD \n pathAndQuery \n bodyDigest}, where
     * {@code pathAndQuery} is the raw (still percent-encoded) path plus {@code ?query} when there
     * is one, and {@code bodyDigest} is {@link #digest} of the body bytes exactly as sent (after
     * any gzip), or of no bytes.
     */
    public static String requestHash(String method, String pathAndQuery, String bodyDigest) {
        String canonical = method + "\n" + pathAndQuery + "\n" + bodyDigest;
        return base64Url(sha256(canonical.getBytes(StandardCharsets.UTF_8)));
    }

    /** Base64url (no padding) of SHA-256 of {@code bytes}. */
    public static String digest(byte[] bytes) {
        return base64Url(sha256(bytes));
    }

    public static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
