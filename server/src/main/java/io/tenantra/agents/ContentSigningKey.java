package io.tenantra.agents;

import io.tenantra.model.ProbeSigning;
import io.tenantra.platform.secrets.SecretKeyring;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The server's content key: the Ed25519 key that signs the probes put into jobs, so that an agent
 * runs only questions this server asked. Kept in the database like the token-signing keys, so
 * every node of a cluster signs with the same key (agents pin one key), with the private half
 * sealed by the secrets keyring (bound to its kid), so a database dump cannot sign probes.
 * Created on the first start; two nodes starting at once agree through the one-active-key index.
 *
 * <p>Loaded once at startup and never re-read: there is no rotation yet, because agents pin the
 * first key they see (a new key would need every agent re-enrolled; see docs/security-agents.md).
 */
@Component
class ContentSigningKey {

    private static final Logger log = LoggerFactory.getLogger(ContentSigningKey.class);

    private final String kid;
    private final String publicKeyBase64;
    private final PrivateKey privateKey;

    ContentSigningKey(JdbcClient jdbc, SecretKeyring keyring, Clock clock) {
        if (active(jdbc, keyring) == null) {
            KeyPair generated = generate();
            String newKid = ProbeSigning.keyId(generated.getPublic().getEncoded());
            int inserted = jdbc.sql("INSERT INTO content_signing_key (kid, algorithm, public_key, private_key,"
                            + " created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")
                    .params(
                            newKid,
                            ProbeSigning.ALGORITHM,
                            Base64.getEncoder()
                                    .encodeToString(generated.getPublic().getEncoded()),
                            keyring.seal(
                                    Base64.getEncoder()
                                            .encodeToString(
                                                    generated.getPrivate().getEncoded()),
                                    place(newKid)),
                            Timestamp.from(clock.instant()))
                    .update();
            if (inserted == 1) {
                log.info("Created the content signing key {}", newKid);
            }
        }
        Loaded loaded = active(jdbc, keyring);
        if (loaded == null) {
            throw new IllegalStateException("no active content signing key after creating one");
        }
        this.kid = loaded.kid();
        this.publicKeyBase64 = loaded.publicKey();
        this.privateKey = loaded.privateKey();
        log.info("Probes are signed with content key {}", kid);
    }

    private record Loaded(String kid, String publicKey, PrivateKey privateKey) {}

    private static Loaded active(JdbcClient jdbc, SecretKeyring keyring) {
        return jdbc.sql("SELECT kid, public_key, private_key FROM content_signing_key WHERE retired_at IS NULL")
                .query((rs, i) -> new Loaded(
                        rs.getString(1),
                        rs.getString(2),
                        privateKey(keyring.open(rs.getString(3), place(rs.getString(1))))))
                .optional()
                .orElse(null);
    }

    /** The private half is sealed, bound to its row (see {@link SecretKeyring}). */
    static String place(String kid) {
        return SecretKeyring.place("content_signing_key", "private_key", kid);
    }

    String keyId() {
        return kid;
    }

    /** X.509 SubjectPublicKeyInfo, base64: what agents pin. */
    String publicKeyBase64() {
        return publicKeyBase64;
    }

    /** Base64 Ed25519 signature over {@code payload}. */
    String sign(byte[] payload) {
        try {
            Signature signer = Signature.getInstance(ProbeSigning.ALGORITHM);
            signer.initSign(privateKey);
            signer.update(payload);
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not sign probes", e);
        }
    }

    private static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance(ProbeSigning.ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JDK cannot generate Ed25519 keys", e);
        }
    }

    private static PrivateKey privateKey(String pkcs8Base64) {
        try {
            return KeyFactory.getInstance(ProbeSigning.ALGORITHM)
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pkcs8Base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("the stored content signing key is corrupt", e);
        }
    }
}
