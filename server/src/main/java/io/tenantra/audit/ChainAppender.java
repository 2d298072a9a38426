package io.tenantra.audit;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Appends events to a tenant's chain. Must run inside a transaction scoped to that tenant: the
 * head row stays locked until it commits, which serialises appends per tenant (and across server
 * nodes) without blocking other tenants.
 */
@Repository
class ChainAppender {

    private final JdbcClient jdbc;

    ChainAppender(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Links {@code event} after the current head, stores it and moves the head; returns the stored link. */
    ChainEvent append(ChainEvent event) {
        Head head = lockHead(event.tenantId());
        ChainEvent linked = event.linked(head.seq() + 1, head.hash());
        // One round trip: the event and the new head together.
        jdbc.sql("WITH stored AS (INSERT INTO audit_event (tenant_id, seq, id, occurred_at, actor_kind, actor_id,"
                        + " actor_name, impersonator_id, impersonator_name, action, target_type, target_id, changes,"
                        + " outcome, ip, user_agent, request_id, prev_hash, hash)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?))"
                        + " UPDATE audit_chain_head SET seq = ?, hash = ? WHERE tenant_id = ?")
                .params(
                        linked.tenantId(),
                        linked.seq(),
                        linked.id(),
                        ChainRows.timestamp(linked.occurredAt()),
                        linked.actorKind(),
                        linked.actorId(),
                        linked.actorName(),
                        linked.impersonatorId(),
                        linked.impersonatorName(),
                        linked.action(),
                        linked.targetType(),
                        linked.targetId(),
                        linked.changes(),
                        linked.outcome(),
                        linked.ip(),
                        linked.userAgent(),
                        linked.requestId(),
                        linked.prevHash(),
                        linked.hash(),
                        linked.seq(),
                        linked.hash(),
                        linked.tenantId())
                .update();
        return linked;
    }

    /**
     * The head of the tenant's chain, locked until the transaction ends; created (empty, genesis
     * hash) on the tenant's first event. The no-op update is what takes the lock when it exists.
     */
    Head lockHead(UUID tenantId) {
        return jdbc.sql("INSERT INTO audit_chain_head (tenant_id, seq, hash) VALUES (?, 0, ?)"
                        + " ON CONFLICT (tenant_id) DO UPDATE SET seq = audit_chain_head.seq RETURNING seq, hash")
                .params(tenantId, ChainEvent.GENESIS)
                .query((rs, i) -> new Head(rs.getLong(1), rs.getString(2)))
                .single();
    }

    record Head(long seq, String hash) {}
}
