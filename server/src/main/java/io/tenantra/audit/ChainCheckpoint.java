package io.tenantra.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A signed statement about a chain head: "tenant {@code tenantId}'s chain had {@code count}
 * events, the last one seq {@code seq} with hash {@code headHash}, at {@code signedAt}".
 *
 * <p>The signature is Ed25519 over the UTF-8 bytes of the {@link CanonicalJson} text of {@code
 * {count, headHash, kid, seq, signedAt, tenantId}} (same conventions as {@link ChainEvent}),
 * base64-encoded (RFC 4648, with padding).
 */
record ChainCheckpoint(
        UUID tenantId, long seq, String headHash, long count, Instant signedAt, String kid, String signature) {

    static final String ALGORITHM = "Ed25519";

    byte[] payload() {
        Map<String, Object> fields = new TreeMap<>();
        fields.put("count", count);
        fields.put("headHash", headHash);
        fields.put("kid", kid);
        fields.put("seq", seq);
        fields.put("signedAt", ChainEvent.formatInstant(signedAt));
        fields.put("tenantId", tenantId.toString());
        return CanonicalJson.write(fields).getBytes(StandardCharsets.UTF_8);
    }

    boolean signatureValid(PublicKey key) {
        try {
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(key);
            verifier.update(payload());
            return verifier.verify(Base64.getDecoder().decode(signature));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false; // a key of the wrong type or a signature that is not even base64
        }
    }
}
