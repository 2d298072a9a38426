package io.tenantra.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import io.tenantra.platform.secrets.SecretKeyring;
import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The ES256 keys that sign access tokens. Kept in the database so that every server node signs
 * and verifies with the same keys and they survive restarts; the private halves sealed, so that a
 * database dump cannot mint tokens. The newest active key signs; every
 * key not retired longer than a token lifetime ago still verifies, which makes rotation seamless.
 */
@Component
class SigningKeys {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final SecretKeyring keyring;
    private volatile List<StoredKey> keys = List.of();

    SigningKeys(JdbcClient jdbc, Clock clock, SecretKeyring keyring) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.keyring = keyring;
    }

    /** The key new tokens are signed with; created on first use. */
    ECKey current() {
        List<StoredKey> loaded = keys;
        if (loaded.isEmpty()) {
            loaded = reload();
            if (loaded.stream().noneMatch(k -> k.retiredAt() == null)) {
                rotate();
                loaded = keys;
            }
        }
        return loaded.stream()
                .filter(k -> k.retiredAt() == null)
                .max(Comparator.comparing(StoredKey::createdAt))
                .orElseThrow(() -> new IllegalStateException("no active signing key"))
                .key();
    }

    /** Public halves of every key that may still verify a token, for {@code /.well-known/jwks.json}. */
    JWKSet publicKeys() {
        current(); // make sure there is at least one
        return new JWKSet(keys.stream().map(k -> (JWK) k.key().toPublicJWK()).toList());
    }

    /** Every key that may still verify a token (private halves included; server-side use only). */
    JWKSet verificationKeys() {
        current();
        return new JWKSet(keys.stream().map(k -> (JWK) k.key()).toList());
    }

    /** Adds a new signing key and retires the previous ones (they still verify until they age out). */
    synchronized ECKey rotate() {
        Instant now = clock.instant();
        ECKey key;
        try {
            key = new ECKeyGenerator(Curve.P_256)
                    .keyID(UUID.randomUUID().toString())
                    .algorithm(JWSAlgorithm.ES256)
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("could not generate a signing key", e);
        }
        jdbc.sql("UPDATE signing_key SET retired_at = ? WHERE retired_at IS NULL")
                .param(Timestamp.from(now))
                .update();
        jdbc.sql("INSERT INTO signing_key (kid, algorithm, public_jwk, private_jwk, created_at) VALUES (?, ?, ?, ?, ?)")
                .params(
                        key.getKeyID(),
                        "ES256",
                        key.toPublicJWK().toJSONString(),
                        keyring.seal(key.toJSONString(), privateJwkPlace(key.getKeyID())),
                        Timestamp.from(now))
                .update();
        reload();
        return key;
    }

    /** Re-reads the keys, so that a rotation on another node is picked up. */
    List<StoredKey> reload() {
        // Keys retired more than a day ago can no longer verify any live access token.
        Timestamp cutoff = Timestamp.from(clock.instant().minusSeconds(86_400));
        List<StoredKey> loaded = jdbc.sql("SELECT kid, private_jwk, created_at, retired_at FROM signing_key"
                        + " WHERE retired_at IS NULL OR retired_at > ?")
                .param(cutoff)
                .query((rs, i) -> new StoredKey(
                        parse(keyring.open(rs.getString(2), privateJwkPlace(rs.getString(1)))),
                        rs.getTimestamp(3).toInstant(),
                        rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant()))
                .list();
        keys = loaded;
        return loaded;
    }

    /** The private half is stored sealed, bound to its kid (see {@link SecretKeyring}). */
    private static String privateJwkPlace(String kid) {
        return SecretKeyring.place("signing_key", "private_jwk", kid);
    }

    private static ECKey parse(String json) {
        try {
            return ECKey.parse(json);
        } catch (ParseException e) {
            throw new IllegalStateException("a stored signing key is corrupt", e);
        }
    }

    record StoredKey(ECKey key, Instant createdAt, Instant retiredAt) {}
}
