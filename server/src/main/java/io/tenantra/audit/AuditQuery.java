package io.tenantra.audit;

import io.tenantra.platform.web.Cursors;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * SQL for a filtered read of audit events. Every condition is a bind parameter; the tenant
 * condition is always there, on top of row-level security.
 */
final class AuditQuery {

    private AuditQuery() {}

    record Sql(String where, List<Object> params) {}

    static Sql where(Set<UUID> tenants, AuditFilter filter) {
        StringBuilder where = new StringBuilder();
        List<Object> params = new ArrayList<>();
        if (tenants.size() == 1) {
            where.append("tenant_id = ?");
            params.add(tenants.iterator().next());
        } else {
            where.append("tenant_id = ANY (?::uuid[])");
            params.add(tenants.stream().map(UUID::toString).sorted().collect(Collectors.joining(",", "{", "}")));
        }
        if (filter.from() != null) {
            where.append(" AND occurred_at >= ?");
            params.add(ChainRows.timestamp(filter.from()));
        }
        if (filter.to() != null) {
            where.append(" AND occurred_at < ?");
            params.add(ChainRows.timestamp(filter.to()));
        }
        if (filter.actor() != null) {
            UUID actorId = uuidOrNull(filter.actor());
            if (actorId != null) {
                where.append(" AND actor_id = ?");
                params.add(actorId);
            } else {
                where.append(" AND lower(actor_name) = lower(?)");
                params.add(filter.actor());
            }
        }
        if (filter.action() != null) {
            if (filter.action().endsWith(".*")) {
                // The action pattern admits no LIKE wildcards ('%', '_' is escaped below).
                where.append(" AND action LIKE ? ESCAPE '\\'");
                String prefix = filter.action().substring(0, filter.action().length() - 1);
                params.add(prefix.replace("\\", "\\\\").replace("_", "\\_").replace("%", "\\%") + "%");
            } else {
                where.append(" AND action = ?");
                params.add(filter.action());
            }
        }
        if (filter.targetType() != null) {
            where.append(" AND target_type = ?");
            params.add(filter.targetType());
        }
        if (filter.targetId() != null) {
            where.append(" AND target_id = ?");
            params.add(filter.targetId());
        }
        if (filter.outcome() != null) {
            where.append(" AND outcome = ?");
            params.add(filter.outcome());
        }
        if (filter.text() != null) {
            // Contains, case-insensitive, with LIKE's wildcards taken literally; target names
            // arrive as the ids they resolved to.
            String like = "%"
                    + filter.text().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            where.append(" AND (action ILIKE ? ESCAPE '\\' OR actor_name ILIKE ? ESCAPE '\\'"
                    + " OR target_type ILIKE ? ESCAPE '\\' OR target_id ILIKE ? ESCAPE '\\'"
                    + " OR changes::text ILIKE ? ESCAPE '\\' OR target_id = ANY (?::text[]))");
            for (int i = 0; i < 5; i++) {
                params.add(like);
            }
            params.add(filter.namedTargets().toArray(String[]::new));
        }
        return new Sql(where.toString(), params);
    }

    /**
     * A page, newest first. One tenant's chain: by seq (the chain's own order), cursor {@code
     * s|seq}. A subtree (however many tenants it has today): by time, then tenant and seq, cursor
     * {@code m|micros|tenant|seq}.
     */
    static Sql page(Set<UUID> tenants, boolean subtree, AuditFilter filter, String cursor, int limit) {
        return page(tenants, subtree, filter, cursor, limit, false);
    }

    /** As {@link #page(Set, boolean, AuditFilter, String, int)}, oldest first when asked. */
    static Sql page(
            Set<UUID> tenants, boolean subtree, AuditFilter filter, String cursor, int limit, boolean oldestFirst) {
        String after = oldestFirst ? " > " : " < ";
        String direction = oldestFirst ? " ASC" : " DESC";
        Sql base = where(tenants, filter);
        StringBuilder sql = new StringBuilder(base.where());
        List<Object> params = new ArrayList<>(base.params());
        boolean single = !subtree;
        if (cursor != null) {
            List<String> parts = Cursors.decode(cursor, single ? 2 : 4);
            try {
                if (single && "s".equals(parts.get(0))) {
                    sql.append(" AND seq" + after + "?");
                    params.add(Long.parseLong(parts.get(1)));
                } else if (!single && "m".equals(parts.get(0))) {
                    sql.append(" AND (occurred_at, tenant_id, seq)" + after + "(?, ?, ?)");
                    params.add(ChainRows.timestamp(fromMicros(Long.parseLong(parts.get(1)))));
                    params.add(UUID.fromString(parts.get(2)));
                    params.add(Long.parseLong(parts.get(3)));
                } else {
                    throw Cursors.malformed();
                }
            } catch (IllegalArgumentException | java.time.DateTimeException e) {
                throw Cursors.malformed();
            }
        }
        sql.append(
                single
                        ? " ORDER BY seq" + direction
                        : " ORDER BY occurred_at" + direction + ", tenant_id" + direction + ", seq" + direction);
        sql.append(" LIMIT ?");
        params.add(limit + 1);
        return new Sql(sql.toString(), params);
    }

    static String cursorAfter(ChainEvent last, boolean single) {
        return single
                ? Cursors.encode("s", Long.toString(last.seq()))
                : Cursors.encode(
                        "m",
                        Long.toString(toMicros(last.occurredAt())),
                        last.tenantId().toString(),
                        Long.toString(last.seq()));
    }

    private static long toMicros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }

    private static Instant fromMicros(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }

    static UUID uuidOrNull(String value) {
        if (value.length() != 36) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
