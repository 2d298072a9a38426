package io.tenantra.audit;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Appends events to a tenant's chain through the {@code audit_append} database function: one
 * round trip locks the chain head, links, hashes and stores the event and moves the head. The
 * head stays locked until the surrounding transaction ends, which serialises appends per tenant
 * (across server nodes too) without blocking other tenants; doing all of it in one statement
 * keeps that locked stretch as short as it can be.
 */
@Repository
class ChainAppender {

    private final JdbcClient jdbc;

    ChainAppender(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Appends {@code event} (not yet linked) in the current transaction and returns the stored
     * link; empty, with nothing written, when the transaction's tenant scope does not cover the
     * event's tenant.
     */
    Optional<ChainEvent> tryAppend(ChainEvent event) {
        String[] canonical = event.canonicalAroundSeq();
        Optional<Link> link = jdbc.sql("SELECT appended_seq, appended_prev_hash, appended_hash FROM audit_append("
                        + "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        event.tenantId(),
                        event.id(),
                        ChainRows.timestamp(event.occurredAt()),
                        event.actorKind(),
                        event.actorId(),
                        event.actorName(),
                        event.impersonatorId(),
                        event.impersonatorName(),
                        event.action(),
                        event.targetType(),
                        event.targetId(),
                        event.changes(),
                        event.outcome(),
                        event.ip(),
                        event.userAgent(),
                        event.requestId(),
                        canonical[0],
                        canonical[1])
                .query((rs, i) -> new Link(rs.getLong(1), rs.getString(2), rs.getString(3)))
                .optional();
        return link.map(l -> {
            // Same text the database hashed: prevHash, the canonical form, the seq in its place.
            String expected = ChainEvent.sha256(l.prevHash() + canonical[0] + l.seq() + canonical[1]);
            ChainEvent linked = event.withLink(l.seq(), l.prevHash(), l.hash());
            if (!expected.equals(l.hash())) {
                // Java defines the canonical form; a database that hashes differently (say, a
                // non-UTF-8 encoding) must not store links no verifier could check.
                throw new IllegalStateException("the database computed audit hash " + l.hash() + " for seq " + l.seq()
                        + " of tenant " + event.tenantId() + ", but the canonical form gives " + expected);
            }
            return linked;
        });
    }

    /** Like {@link #tryAppend}, for a transaction known to cover the tenant. */
    ChainEvent append(ChainEvent event) {
        return tryAppend(event)
                .orElseThrow(() -> new IllegalStateException(
                        "the transaction's tenant scope does not cover tenant " + event.tenantId()));
    }

    /** The current end of a chain. */
    record Head(long seq, String hash) {}

    private record Link(long seq, String prevHash, String hash) {}
}
