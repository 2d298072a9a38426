package io.tenantra.agent.probes;

import io.tenantra.model.ProbeSigning;
import java.security.PublicKey;
import java.util.Base64;

/**
 * The server content key this agent trusts: the first one it saw (at enrollment, or at its first
 * heartbeat after an upgrade), kept in its state directory.
 */
public record PinnedKey(String keyId, String publicKeyBase64, PublicKey publicKey) {

    /**
     * Parses an offered key; throws {@link IllegalArgumentException} when it is not an Ed25519 key
     * or its id is not the id of those bytes (a key id is derived, so it cannot be chosen).
     */
    public static PinnedKey of(String keyId, String publicKeyBase64) {
        PublicKey key = ProbeSigning.publicKey(publicKeyBase64);
        String derived = ProbeSigning.keyId(Base64.getDecoder().decode(publicKeyBase64));
        if (!derived.equals(keyId)) {
            throw new IllegalArgumentException("the key id " + keyId + " does not belong to the key (" + derived + ")");
        }
        return new PinnedKey(keyId, publicKeyBase64, key);
    }
}
