package io.tenantra.agents;

import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.X509EncodedKeySpec;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Who each agent is, cached so that a signed request costs no query: tenant, public key, whether
 * it is revoked, its config's ETag and heartbeat interval. The key never changes; the rest is
 * refreshed from one query per node every few seconds ({@code agent_identity_changes}), and
 * changes made on this node are applied at once. So a revocation takes effect at once on the
 * node that made it and within {@link #REFRESH_OVERLAP} on the others.
 */
@Component
class AgentIdentities {

    /** Re-read window: covers transactions that committed after the previous refresh started. */
    static final Duration REFRESH_OVERLAP = Duration.ofSeconds(30);

    private static final int MAX_ENTRIES = 2_000_000;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Map<UUID, Identity> cache = new ConcurrentHashMap<>();
    private volatile Instant refreshedAt;

    AgentIdentities(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.refreshedAt = clock.instant();
    }

    /** @param publicKey the raw 32-byte Ed25519 public key (RFC 8032 encoding) */
    record Identity(
            UUID agentId,
            UUID tenantId,
            String name,
            byte[] publicKey,
            boolean revoked,
            String configEtag,
            int heartbeatSeconds) {}

    Optional<Identity> find(UUID agentId) {
        Identity cached = cache.get(agentId);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<Identity> loaded = jdbc.sql(
                        "SELECT tenant_id, name, public_key, revoked, config_etag, heartbeat_seconds"
                                + " FROM agent_identity(?)")
                .param(agentId)
                .query((rs, i) -> new Identity(
                        agentId,
                        rs.getObject(1, UUID.class),
                        rs.getString(2),
                        rawPublicKey(rs.getString(3)),
                        rs.getBoolean(4),
                        rs.getString(5),
                        rs.getInt(6)))
                .optional();
        loaded.ifPresent(identity -> {
            if (cache.size() >= MAX_ENTRIES) {
                cache.clear(); // a crude bound; entries reload on demand
            }
            cache.put(agentId, identity);
        });
        return loaded;
    }

    /** Applies a change made on this node at once (the other nodes see it at their next refresh). */
    void changed(UUID agentId, boolean revoked, String configEtag, int heartbeatSeconds) {
        cache.computeIfPresent(
                agentId,
                (id, old) -> new Identity(
                        id, old.tenantId(), old.name(), old.publicKey(), revoked, configEtag, heartbeatSeconds));
    }

    @Scheduled(fixedDelayString = "${tenantra.agents.identity-refresh-interval:5s}")
    void refresh() {
        Instant started = clock.instant();
        Instant since = refreshedAt.minus(REFRESH_OVERLAP);
        jdbc.sql("SELECT id, revoked, config_etag, heartbeat_seconds FROM agent_identity_changes(?)")
                .param(Timestamp.from(since))
                .query(rs -> {
                    changed(rs.getObject(1, UUID.class), rs.getBoolean(2), rs.getString(3), rs.getInt(4));
                });
        refreshedAt = started;
    }

    /** The 32 key bytes at the end of an Ed25519 SubjectPublicKeyInfo, after checking it is one. */
    static byte[] rawPublicKey(String base64) {
        byte[] encoded = publicKey(base64).getEncoded();
        if (encoded.length != 44) {
            throw new IllegalArgumentException("not an Ed25519 public key");
        }
        byte[] raw = new byte[32];
        System.arraycopy(encoded, encoded.length - 32, raw, 0, 32);
        return raw;
    }

    static PublicKey publicKey(String base64) {
        try {
            return KeyFactory.getInstance("Ed25519")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK lacks Ed25519", e);
        } catch (InvalidKeySpecException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an X.509 Ed25519 public key", e);
        }
    }
}
