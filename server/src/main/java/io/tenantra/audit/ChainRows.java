package io.tenantra.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

/** How chain rows are selected and read back from PostgreSQL. */
final class ChainRows {

    static final String EVENT_COLUMNS = "tenant_id, seq, id, occurred_at, actor_kind, actor_id, actor_name,"
            + " impersonator_id, impersonator_name, action, target_type, target_id, changes::text AS changes,"
            + " outcome, ip, user_agent, request_id, prev_hash, hash";

    static final String CHECKPOINT_COLUMNS = "tenant_id, seq, head_hash, event_count, signed_at, kid, signature";

    private ChainRows() {}

    /** An event row; {@code changes} comes back from jsonb in PostgreSQL's layout and is re-canonicalised. */
    static ChainEvent event(ResultSet rs) throws SQLException {
        return new ChainEvent(
                rs.getObject("tenant_id", UUID.class),
                rs.getLong("seq"),
                rs.getObject("id", UUID.class),
                instant(rs, "occurred_at"),
                rs.getString("actor_kind"),
                rs.getObject("actor_id", UUID.class),
                rs.getString("actor_name"),
                rs.getObject("impersonator_id", UUID.class),
                rs.getString("impersonator_name"),
                rs.getString("action"),
                rs.getString("target_type"),
                rs.getString("target_id"),
                CanonicalJson.canonicalise(rs.getString("changes")),
                rs.getString("outcome"),
                rs.getString("ip"),
                rs.getString("user_agent"),
                rs.getString("request_id"),
                rs.getString("prev_hash"),
                rs.getString("hash"));
    }

    static ChainCheckpoint checkpoint(ResultSet rs) throws SQLException {
        return new ChainCheckpoint(
                rs.getObject("tenant_id", UUID.class),
                rs.getLong("seq"),
                rs.getString("head_hash"),
                rs.getLong("event_count"),
                instant(rs, "signed_at"),
                rs.getString("kid"),
                rs.getString("signature"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : instant.atOffset(java.time.ZoneOffset.UTC);
    }
}
