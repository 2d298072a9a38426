package io.tenantra.audit;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/** How checkpoint public keys are written, read and named; shared with the offline verifier. */
final class Ed25519Keys {

    private Ed25519Keys() {}

    /** {@code ed25519-} and the first 16 hex digits of the SHA-256 of the key's base64 X.509 encoding. */
    static String kidOf(PublicKey key) {
        return "ed25519-" + ChainEvent.sha256(encode(key)).substring(0, 16);
    }

    /** Base64 (with padding) of the X.509 SubjectPublicKeyInfo encoding. */
    static String encode(PublicKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    static PublicKey decode(String base64) {
        try {
            return KeyFactory.getInstance(ChainCheckpoint.ALGORITHM)
                    .generatePublic(
                            new X509EncodedKeySpec(Base64.getMimeDecoder().decode(base64.trim())));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a base64 X.509 Ed25519 public key", e);
        }
    }
}
