package io.tenantra.audit;

import io.tenantra.database.TenantTransactions;
import io.tenantra.platform.context.TenantScope;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Signs a checkpoint of every chain whose head moved since its last checkpoint, every {@code
 * tenantra.audit.checkpoint-interval}. Before signing, it verifies the events added since the
 * previous checkpoint, so every signature also vouches that the chain held up to that point; a
 * broken chain is reported and never signed.
 *
 * <p>No lock is needed: events up to a committed head never change, and two nodes signing the
 * same head collide on the checkpoint's primary key, where the second one quietly gives way.
 */
@Component
class CheckpointJob {

    private static final Logger log = LoggerFactory.getLogger(CheckpointJob.class);

    private final TenantTransactions tx;
    private final JdbcClient jdbc;
    private final ChainReader chains;
    private final AuditSigningKey key;
    private final Clock clock;

    CheckpointJob(TenantTransactions tx, JdbcClient jdbc, ChainReader chains, AuditSigningKey key, Clock clock) {
        this.tx = tx;
        this.jdbc = jdbc;
        this.chains = chains;
        this.key = key;
        this.clock = clock;
    }

    @Scheduled(
            fixedDelayString = "${tenantra.audit.checkpoint-interval:5m}",
            initialDelayString = "${tenantra.audit.checkpoint-interval:5m}")
    void run() {
        int made = checkpointAll();
        if (made > 0) {
            log.debug("Signed {} audit checkpoint(s)", made);
        }
    }

    /** Checkpoints every chain that moved; returns how many checkpoints were signed. */
    int checkpointAll() {
        List<UUID> moved = jdbc.sql("SELECT tenant_id FROM audit_chains_to_checkpoint()")
                .query(UUID.class)
                .list();
        int made = 0;
        for (UUID tenantId : moved) {
            try {
                made += checkpoint(tenantId).isPresent() ? 1 : 0;
            } catch (RuntimeException e) {
                // One tenant's trouble must not stop the others' checkpoints.
                log.error("Could not checkpoint the audit chain of tenant {}", tenantId, e);
            }
        }
        return made;
    }

    /** Signs the tenant's current head unless it is already signed or the chain does not verify. */
    Optional<ChainCheckpoint> checkpoint(UUID tenantId) {
        return tx.write(TenantScope.of(tenantId), () -> {
            ChainReader.Head head = chains.head(tenantId);
            Optional<ChainCheckpoint> last = chains.lastCheckpoint(tenantId);
            if (head.seq() == 0 || last.map(c -> c.seq() >= head.seq()).orElse(false)) {
                return Optional.<ChainCheckpoint>empty();
            }
            if (last.isPresent() && !lastSignatureValid(last.get())) {
                log.error(
                        "The newest audit checkpoint of tenant {} (seq {}) has a bad signature; not checkpointing",
                        tenantId,
                        last.get().seq());
                return Optional.<ChainCheckpoint>empty();
            }
            ChainVerifier verifier = new ChainVerifier(null);
            last.ifPresent(c -> verifier.resumeAt(tenantId, c.seq(), c.headHash()));
            long from = last.map(ChainCheckpoint::seq).orElse(0L);
            chains.walk(tenantId, from, false, verifier);
            verifier.head(tenantId, head.seq(), head.hash());
            VerificationResult result = verifier.result();
            if (!result.valid()) {
                log.error(
                        "The audit chain of tenant {} is broken at seq {} ({}: {}); it will not be checkpointed",
                        tenantId,
                        result.firstBrokenSeq(),
                        result.problem(),
                        result.detail());
                return Optional.<ChainCheckpoint>empty();
            }
            ChainCheckpoint unsigned = new ChainCheckpoint(
                    tenantId,
                    head.seq(),
                    head.hash(),
                    head.seq(),
                    ChainEvent.truncate(clock.instant()),
                    key.kid(),
                    null);
            ChainCheckpoint signed = new ChainCheckpoint(
                    tenantId,
                    head.seq(),
                    head.hash(),
                    head.seq(),
                    unsigned.signedAt(),
                    key.kid(),
                    key.sign(unsigned.payload()));
            int inserted = jdbc.sql("INSERT INTO audit_checkpoint (tenant_id, seq, head_hash, event_count, signed_at,"
                            + " kid, signature) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (tenant_id, seq) DO NOTHING")
                    .params(
                            signed.tenantId(),
                            signed.seq(),
                            signed.headHash(),
                            signed.count(),
                            ChainRows.timestamp(signed.signedAt()),
                            signed.kid(),
                            signed.signature())
                    .update();
            return inserted == 1 ? Optional.of(signed) : Optional.<ChainCheckpoint>empty();
        });
    }

    // The new checkpoint builds on the last one; it must be genuine.
    private boolean lastSignatureValid(ChainCheckpoint last) {
        String encoded = chains.publicKeys().get(last.kid());
        return encoded != null && last.signatureValid(Ed25519Keys.decode(encoded));
    }
}
