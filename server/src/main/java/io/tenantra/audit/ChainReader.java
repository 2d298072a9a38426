package io.tenantra.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.springframework.dao.DataRetrievalFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Repository;

/**
 * Reads chains in order without holding them in memory: rows are fetched from server-side
 * cursors a batch at a time. Callers run inside a tenant transaction (repeatable read, so that
 * events, checkpoints and head are one consistent picture).
 */
@Repository
class ChainReader {

    private static final int FETCH = 500;

    private final DataSource dataSource;
    private final JdbcClient jdbc;

    ChainReader(DataSource dataSource, JdbcClient jdbc) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
    }

    /** What a chain walk delivers: events by seq, each checkpoint right after the event at its seq. */
    interface Visitor {
        void event(ChainEvent event);

        void checkpoint(ChainCheckpoint checkpoint);

        /** True to stop reading early (a verifier that has found its problem). */
        default boolean done() {
            return false;
        }
    }

    /** The events of one tenant's chain from {@code afterSeq + 1} on, merged with its checkpoints. */
    void walk(UUID tenantId, long afterSeq, boolean withCheckpoints, Visitor visitor) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try (PreparedStatement events = connection.prepareStatement("SELECT " + ChainRows.EVENT_COLUMNS
                        + " FROM audit_event WHERE tenant_id = ? AND seq > ? ORDER BY seq");
                PreparedStatement checkpoints = connection.prepareStatement("SELECT " + ChainRows.CHECKPOINT_COLUMNS
                        + " FROM audit_checkpoint WHERE tenant_id = ? AND seq > ? AND ? ORDER BY seq")) {
            events.setFetchSize(FETCH);
            events.setObject(1, tenantId);
            events.setLong(2, afterSeq);
            checkpoints.setFetchSize(FETCH);
            checkpoints.setObject(1, tenantId);
            checkpoints.setLong(2, afterSeq);
            checkpoints.setBoolean(3, withCheckpoints);
            // Two cursors open at once in one transaction, read in step.
            try (ResultSet e = events.executeQuery();
                    ResultSet c = checkpoints.executeQuery()) {
                ChainEvent nextEvent = e.next() ? ChainRows.event(e) : null;
                ChainCheckpoint nextCheckpoint = c.next() ? ChainRows.checkpoint(c) : null;
                while ((nextEvent != null || nextCheckpoint != null) && !visitor.done()) {
                    if (nextEvent == null
                            || (nextCheckpoint != null
                                    && ChainVerifier.mergeOrder(nextCheckpoint.seq(), nextEvent.seq()))) {
                        visitor.checkpoint(nextCheckpoint);
                        nextCheckpoint = c.next() ? ChainRows.checkpoint(c) : null;
                    } else {
                        visitor.event(nextEvent);
                        nextEvent = e.next() ? ChainRows.event(e) : null;
                    }
                }
            }
        } catch (SQLException ex) {
            throw new DataRetrievalFailureException("could not read the audit chain of tenant " + tenantId, ex);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /** Events matching a filter, by tenant and seq (no checkpoints: a filtered list is no chain). */
    void walkMatching(AuditQuery.Sql query, Consumer<ChainEvent> consumer) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try (PreparedStatement statement = connection.prepareStatement("SELECT " + ChainRows.EVENT_COLUMNS
                + " FROM audit_event WHERE " + query.where() + " ORDER BY tenant_id, seq")) {
            statement.setFetchSize(FETCH);
            List<Object> params = query.params();
            for (int i = 0; i < params.size(); i++) {
                statement.setObject(i + 1, params.get(i));
            }
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    consumer.accept(ChainRows.event(rs));
                }
            }
        } catch (SQLException ex) {
            throw new DataRetrievalFailureException("could not read audit events", ex);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /** The cached head of a chain: seq 0 and the genesis hash before its first event. */
    ChainReader.Head head(UUID tenantId) {
        return jdbc.sql("SELECT seq, hash FROM audit_chain_head WHERE tenant_id = ?")
                .param(tenantId)
                .query((rs, i) -> new ChainReader.Head(rs.getLong(1), rs.getString(2)))
                .optional()
                .orElse(new ChainReader.Head(0, ChainEvent.GENESIS));
    }

    /** The newest checkpoint of a chain, if any. */
    java.util.Optional<ChainCheckpoint> lastCheckpoint(UUID tenantId) {
        return jdbc.sql("SELECT " + ChainRows.CHECKPOINT_COLUMNS
                        + " FROM audit_checkpoint WHERE tenant_id = ? ORDER BY seq DESC LIMIT 1")
                .param(tenantId)
                .query((rs, i) -> ChainRows.checkpoint(rs))
                .optional();
    }

    /** Every checkpoint signing key ever used, by kid (public halves; not tenant data). */
    Map<String, String> publicKeys() {
        Map<String, String> keys = new java.util.LinkedHashMap<>();
        jdbc.sql("SELECT kid, public_key FROM audit_signing_key ORDER BY created_at, kid")
                .query(rs -> {
                    keys.put(rs.getString(1), rs.getString(2));
                });
        return keys;
    }

    List<PublishedKey> publishedKeys() {
        return jdbc.sql("SELECT kid, algorithm, public_key, created_at FROM audit_signing_key ORDER BY created_at, kid")
                .query((rs, i) -> new PublishedKey(
                        rs.getString(1), rs.getString(2), rs.getString(3), ChainRows.instant(rs, "created_at")))
                .list();
    }

    /** A public key as {@code /api/v1/audit/keys} lists it. */
    record PublishedKey(String kid, String algorithm, String publicKey, java.time.Instant createdAt) {}

    /** The current end of a chain. */
    record Head(long seq, String hash) {}
}
