package io.tenantra.audit;

import java.security.PublicKey;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Checks chains fed to it in order, one record at a time, so that millions of events need no
 * more memory than one. Per tenant: events arrive in seq order, and each checkpoint arrives right
 * after the event at its seq (see {@link #mergeOrder}). The first problem found ends the check.
 * Used both by the server (rows from PostgreSQL) and by the offline verifier (rows from a CSV).
 */
final class ChainVerifier implements ChainReader.Visitor {

    private final Function<String, PublicKey> keys;
    private final Map<UUID, State> chains = new HashMap<>();
    private long events;
    private long checkpoints;
    private VerificationResult problem;

    /** @param keys public key by kid (null for an unknown kid); null to skip signature checks */
    ChainVerifier(Function<String, PublicKey> keys) {
        this.keys = keys;
    }

    /** True when a checkpoint at {@code checkpointSeq} goes before the event at {@code eventSeq}. */
    static boolean mergeOrder(long checkpointSeq, long eventSeq) {
        return checkpointSeq < eventSeq;
    }

    @Override
    public boolean done() {
        return problem != null;
    }

    /** Starts a chain's check after a position already known good (the last checkpoint). */
    void resumeAt(UUID tenantId, long seq, String hash) {
        State chain = chains.computeIfAbsent(tenantId, t -> new State());
        chain.lastSeq = seq;
        chain.lastHash = hash;
    }

    @Override
    public void event(ChainEvent event) {
        if (problem != null) {
            return;
        }
        State chain = chains.computeIfAbsent(event.tenantId(), t -> new State());
        long expected = chain.lastSeq + 1;
        if (event.seq() < expected) {
            fail(
                    event.tenantId(),
                    event.seq(),
                    "sequence out of order",
                    "event " + event.seq() + " comes after event " + chain.lastSeq);
            return;
        }
        if (event.seq() > expected) {
            fail(
                    event.tenantId(),
                    expected,
                    "sequence gap",
                    gap(expected, event.seq() - 1) + " missing before event " + event.seq());
            return;
        }
        if (!chain.lastHash.equals(event.prevHash())) {
            fail(
                    event.tenantId(),
                    event.seq(),
                    "broken link",
                    "event " + event.seq() + " does not link to the hash of event " + chain.lastSeq);
            return;
        }
        if (!event.computeHash().equals(event.hash())) {
            fail(
                    event.tenantId(),
                    event.seq(),
                    "hash mismatch",
                    "the content of event " + event.seq() + " does not match its hash");
            return;
        }
        chain.lastSeq = event.seq();
        chain.lastHash = event.hash();
        events++;
    }

    @Override
    public void checkpoint(ChainCheckpoint checkpoint) {
        if (problem != null) {
            return;
        }
        State chain = chains.computeIfAbsent(checkpoint.tenantId(), t -> new State());
        if (keys != null) {
            PublicKey key = keys.apply(checkpoint.kid());
            if (key == null) {
                fail(
                        checkpoint.tenantId(),
                        checkpoint.seq(),
                        "unknown signing key",
                        "the checkpoint at seq " + checkpoint.seq() + " names key " + checkpoint.kid()
                                + ", which is not among the published keys");
                return;
            }
            if (!checkpoint.signatureValid(key)) {
                fail(
                        checkpoint.tenantId(),
                        checkpoint.seq(),
                        "bad checkpoint signature",
                        "the checkpoint at seq " + checkpoint.seq() + " is not signed by key " + checkpoint.kid());
                return;
            }
        }
        if (checkpoint.seq() > chain.lastSeq) {
            fail(
                    checkpoint.tenantId(),
                    chain.lastSeq + 1,
                    "sequence gap",
                    gap(chain.lastSeq + 1, checkpoint.seq()) + " missing, though a signed checkpoint covers seq "
                            + checkpoint.seq());
            return;
        }
        if (checkpoint.seq() < chain.lastSeq) {
            fail(
                    checkpoint.tenantId(),
                    checkpoint.seq(),
                    "sequence out of order",
                    "the checkpoint at seq " + checkpoint.seq() + " comes after event " + chain.lastSeq);
            return;
        }
        if (!checkpoint.headHash().equals(chain.lastHash) || checkpoint.count() != checkpoint.seq()) {
            fail(
                    checkpoint.tenantId(),
                    checkpoint.seq(),
                    "checkpoint does not match chain",
                    "the signed checkpoint at seq " + checkpoint.seq()
                            + " records another chain: events up to here were rewritten");
            return;
        }
        checkpoints++;
    }

    /** Server only: the cached head must agree with the chain just read. */
    void head(UUID tenantId, long seq, String hash) {
        if (problem != null) {
            return;
        }
        State chain = chains.computeIfAbsent(tenantId, t -> new State());
        if (seq > chain.lastSeq) {
            fail(
                    tenantId,
                    chain.lastSeq + 1,
                    "sequence gap",
                    gap(chain.lastSeq + 1, seq) + " missing from the end of the chain");
        } else if (seq < chain.lastSeq) {
            fail(
                    tenantId,
                    seq + 1,
                    "chain head mismatch",
                    "events after seq " + seq + " were added outside the application");
        } else if (!hash.equals(chain.lastHash)) {
            fail(tenantId, seq, "chain head mismatch", "the last event's hash is not the recorded chain head");
        }
    }

    /** An unreadable record (offline verification of a damaged file). */
    void malformed(UUID tenantId, Long seq, String detail) {
        if (problem == null) {
            problem = new VerificationResult(
                    false, events, checkpoints, keys != null, tenantId, seq, "malformed record", detail);
        }
    }

    VerificationResult result() {
        if (problem != null) {
            return problem;
        }
        return new VerificationResult(true, events, checkpoints, keys != null, null, null, null, null);
    }

    private void fail(UUID tenantId, long seq, String what, String detail) {
        problem = new VerificationResult(false, events, checkpoints, keys != null, tenantId, seq, what, detail);
    }

    private static String gap(long from, long to) {
        return from == to ? "event " + from + " is" : "events " + from + " to " + to + " are";
    }

    private static final class State {
        long lastSeq;
        String lastHash = ChainEvent.GENESIS;
    }
}
