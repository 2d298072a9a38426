package io.tenantra.audit;

import io.tenantra.database.FinalStatement;
import io.tenantra.platform.context.TenantScope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Appends events to a tenant's chain with one SQL statement, run as a {@link FinalStatement}: in
 * the same round trip as the transaction's COMMIT, it locks and moves the chain head, and links,
 * hashes and stores the event. It is a plain statement rather than a database function so that
 * the driver prepares it once per connection and PostgreSQL plans it once (see
 * docs/performance-audit.md for what the function cost). The head lock serialises appends
 * per tenant (across server nodes too) without blocking other tenants, and is held only while
 * PostgreSQL commits.
 */
@Component
class ChainAppender {

    private static final Logger log = LoggerFactory.getLogger(ChainAppender.class);

    /**
     * One statement: the upsert locks the tenant's chain head (creating it for the first event),
     * advances it and hashes the event in PostgreSQL, which alone knows the seq; the outer insert
     * stores the event with both links. Explicit casts, because a NULL parameter has no type.
     * Parameters: tenant, canonical before/after seq (twice: for a new head and for a moved one),
     * then the event's own columns.
     */
    private static final String APPEND = """
            WITH head AS (
                INSERT INTO audit_chain_head AS h (tenant_id, seq, prev_hash, hash)
                VALUES (?::uuid, 1, repeat('0', 64),
                        encode(sha256(convert_to(repeat('0', 64) || ?::text || '1' || ?::text, 'UTF8')), 'hex'))
                ON CONFLICT (tenant_id) DO UPDATE
                    SET seq = h.seq + 1,
                        prev_hash = h.hash,
                        hash = encode(sha256(convert_to(h.hash || ?::text || (h.seq + 1)::text || ?::text, 'UTF8')), 'hex')
                RETURNING h.tenant_id, h.seq, h.prev_hash, h.hash)
            INSERT INTO audit_event (tenant_id, seq, id, occurred_at, actor_kind, actor_id, actor_name, impersonator_id,
                                     impersonator_name, action, target_type, target_id, changes, outcome, ip,
                                     user_agent, request_id, prev_hash, hash)
            SELECT head.tenant_id, head.seq, ?::uuid, ?::timestamptz, ?::text, ?::uuid, ?::text, ?::uuid, ?::text,
                   ?::text, ?::text, ?::text, ?::jsonb, ?::text, ?::text, ?::text, ?::text, head.prev_hash, head.hash
              FROM head
            RETURNING seq, prev_hash, hash""";

    /** Text with characters from several UTF-8 lengths, hashed by both sides at start-up. */
    private static final String HASH_PROBE = "tenantra audit \u00e9\u00df \u20ac \u6f22 \ud83d\udd12";

    private final JdbcClient jdbc;

    ChainAppender(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The statement that appends {@code event} (not yet linked) when its transaction commits. */
    FinalStatement appendAtCommit(ChainEvent event) {
        String[] canonical = event.canonicalAroundSeq();
        return new FinalStatement(
                TenantScope.of(event.tenantId()),
                APPEND,
                Arrays.asList(
                        event.tenantId(),
                        canonical[0],
                        canonical[1],
                        canonical[0],
                        canonical[1],
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
                        event.requestId()),
                rows -> checkLink(event, canonical, rows));
    }

    /**
     * Recomputes the stored hash in Java, which defines the canonical form. The start-up check
     * below makes a mismatch all but impossible; should one happen anyway, the event is already
     * committed, so it is reported here and by every verification of the chain.
     */
    private static void checkLink(ChainEvent event, String[] canonical, ResultSet rows) throws SQLException {
        if (!rows.next()) {
            log.error("The audit append returned no link for event {} of tenant {}", event.id(), event.tenantId());
            return;
        }
        long seq = rows.getLong(1);
        String prevHash = rows.getString(2);
        String hash = rows.getString(3);
        String expected = ChainEvent.sha256(prevHash + canonical[0] + seq + canonical[1]);
        if (!expected.equals(hash)) {
            log.error(
                    "The database computed audit hash {} for seq {} of tenant {}, but the canonical form gives {};"
                            + " verification will report this event as broken",
                    hash,
                    seq,
                    event.tenantId(),
                    expected);
        }
    }

    /**
     * Refuses to start when PostgreSQL hashes text differently from Java (say, a database whose
     * encoding is not UTF-8): it would store links that no verifier could check.
     */
    @EventListener(ApplicationStartedEvent.class)
    void checkDatabaseHashing() {
        String database = jdbc.sql("SELECT encode(sha256(convert_to(?, 'UTF8')), 'hex')")
                .param(HASH_PROBE)
                .query(String.class)
                .single();
        String java = ChainEvent.sha256(HASH_PROBE);
        if (!java.equals(database)) {
            throw new IllegalStateException("PostgreSQL hashes UTF-8 text differently from Java (" + database + " vs "
                    + java + "); the audit chain needs a database with UTF8 encoding");
        }
    }
}
