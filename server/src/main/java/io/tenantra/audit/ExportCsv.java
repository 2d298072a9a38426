package io.tenantra.audit;

import java.io.Writer;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The columns of an audit export. Event rows carry every hashed field plus the chain links;
 * checkpoint rows ({@code record_type=checkpoint}) carry the signed head and its signature and
 * follow the event at their seq, in the order {@link ChainVerifier} expects.
 */
final class ExportCsv implements ChainReader.Visitor {

    static final List<String> HEADER = List.of(
            "record_type",
            "tenant_id",
            "seq",
            "id",
            "occurred_at",
            "actor_kind",
            "actor_id",
            "actor_name",
            "impersonator_id",
            "impersonator_name",
            "action",
            "target_type",
            "target_id",
            "changes",
            "outcome",
            "ip",
            "user_agent",
            "request_id",
            "prev_hash",
            "hash",
            "event_count",
            "signed_at",
            "kid",
            "signature");

    private final Writer out;

    ExportCsv(Writer out) {
        this.out = out;
    }

    void header() {
        Csv.writeRow(out, HEADER);
    }

    @Override
    public void event(ChainEvent e) {
        Csv.writeRow(
                out,
                Arrays.asList(
                        "event",
                        text(e.tenantId()),
                        Long.toString(e.seq()),
                        text(e.id()),
                        ChainEvent.formatInstant(e.occurredAt()),
                        e.actorKind(),
                        text(e.actorId()),
                        e.actorName(),
                        text(e.impersonatorId()),
                        e.impersonatorName(),
                        e.action(),
                        e.targetType(),
                        e.targetId(),
                        e.changes(),
                        e.outcome(),
                        e.ip(),
                        e.userAgent(),
                        e.requestId(),
                        e.prevHash(),
                        e.hash(),
                        null,
                        null,
                        null,
                        null));
    }

    @Override
    public void checkpoint(ChainCheckpoint c) {
        Csv.writeRow(
                out,
                Arrays.asList(
                        "checkpoint",
                        text(c.tenantId()),
                        Long.toString(c.seq()),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        c.headHash(),
                        Long.toString(c.count()),
                        ChainEvent.formatInstant(c.signedAt()),
                        c.kid(),
                        c.signature()));
    }

    /** Reads one data row back; throws {@link IllegalArgumentException} for anything malformed. */
    static Object parse(List<String> row) {
        if (row.size() != HEADER.size()) {
            throw new IllegalArgumentException("expected " + HEADER.size() + " fields, found " + row.size());
        }
        String type = row.get(0);
        UUID tenant = UUID.fromString(required(row, 1));
        long seq = Long.parseLong(required(row, 2));
        if ("event".equals(type)) {
            return new ChainEvent(
                    tenant,
                    seq,
                    UUID.fromString(required(row, 3)),
                    ChainEvent.parseInstant(required(row, 4)),
                    required(row, 5),
                    uuid(row.get(6)),
                    row.get(7),
                    uuid(row.get(8)),
                    row.get(9),
                    required(row, 10),
                    row.get(11),
                    row.get(12),
                    CanonicalJson.canonicalise(required(row, 13)),
                    required(row, 14),
                    row.get(15),
                    row.get(16),
                    row.get(17),
                    required(row, 18),
                    required(row, 19));
        }
        if ("checkpoint".equals(type)) {
            return new ChainCheckpoint(
                    tenant,
                    seq,
                    required(row, 19),
                    Long.parseLong(required(row, 20)),
                    ChainEvent.parseInstant(required(row, 21)),
                    required(row, 22),
                    required(row, 23));
        }
        throw new IllegalArgumentException("unknown record_type " + type);
    }

    private static String required(List<String> row, int index) {
        String value = row.get(index);
        if (value == null) {
            throw new IllegalArgumentException(HEADER.get(index) + " is missing");
        }
        return value;
    }

    private static UUID uuid(String value) {
        return value == null ? null : UUID.fromString(value);
    }

    private static String text(UUID id) {
        return id == null ? null : id.toString();
    }
}
