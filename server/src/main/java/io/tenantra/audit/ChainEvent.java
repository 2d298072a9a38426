package io.tenantra.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * One link of a tenant's hash chain, exactly as stored and exported, and the definition of its
 * hash. Used unchanged by the server when appending and verifying, and by the offline verifier.
 *
 * <p>{@code hash = lowercase hex of SHA-256(UTF-8(prevHash + canonical))}, where {@code prevHash}
 * is the previous event's hash (64 zeros for seq 1) and {@code canonical} is the
 * {@link CanonicalJson} text of the object with exactly these members: {@code action, actorId,
 * actorKind, actorName, changes, id, impersonatorId, impersonatorName, ip, occurredAt, outcome,
 * requestId, seq, targetId, targetType, tenantId, userAgent}. UUIDs are lowercase strings, {@code
 * seq} a number, {@code occurredAt} ISO-8601 UTC with exactly six fractional digits ({@code
 * 2026-11-21T15:00:00.123456Z}), {@code changes} a canonical JSON object, absent values
 * {@code null}.
 *
 * @param changes canonical JSON text of the (redacted) change summary
 */
record ChainEvent(
        UUID tenantId,
        long seq,
        UUID id,
        Instant occurredAt,
        String actorKind,
        UUID actorId,
        String actorName,
        UUID impersonatorId,
        String impersonatorName,
        String action,
        String targetType,
        String targetId,
        String changes,
        String outcome,
        String ip,
        String userAgent,
        String requestId,
        String prevHash,
        String hash) {

    static final String GENESIS = "0".repeat(64);

    private static final DateTimeFormatter INSTANT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    /** The canonical text the hash covers (the chain link itself excluded). */
    String canonical() {
        return canonical(seq);
    }

    /**
     * The canonical text split around the value of {@code seq}, for an append that learns its
     * seq only once it holds the chain's lock: {@code canonical() == parts[0] + seq + parts[1]}.
     */
    String[] canonicalAroundSeq() {
        String text = canonical(new CanonicalJson.Raw(SEQ_MARK));
        int at = text.indexOf(SEQ_MARK);
        return new String[] {text.substring(0, at), text.substring(at + SEQ_MARK.length())};
    }

    // NUL never occurs in canonical text: strings are cleaned of it and control characters are escaped.
    private static final String SEQ_MARK = "\u0000seq\u0000";

    private String canonical(Object seqValue) {
        Map<String, Object> fields = new TreeMap<>();
        fields.put("action", action);
        fields.put("actorId", text(actorId));
        fields.put("actorKind", actorKind);
        fields.put("actorName", actorName);
        fields.put("changes", new CanonicalJson.Raw(changes));
        fields.put("id", text(id));
        fields.put("impersonatorId", text(impersonatorId));
        fields.put("impersonatorName", impersonatorName);
        fields.put("ip", ip);
        fields.put("occurredAt", formatInstant(occurredAt));
        fields.put("outcome", outcome);
        fields.put("requestId", requestId);
        fields.put("seq", seqValue);
        fields.put("targetId", targetId);
        fields.put("targetType", targetType);
        fields.put("tenantId", text(tenantId));
        fields.put("userAgent", userAgent);
        return CanonicalJson.write(fields);
    }

    /** The hash this event must carry given its {@link #prevHash}. */
    String computeHash() {
        return sha256(prevHash + canonical());
    }

    /** This event, linked after {@code previousHash} and hashed. */
    ChainEvent linked(long seq, String previousHash) {
        ChainEvent unhashed = withLink(seq, previousHash, null);
        return unhashed.withHash(unhashed.computeHash());
    }

    /** This event at {@code seq} with the given links, as stored (no hashing). */
    ChainEvent withLink(long newSeq, String previousHash, String newHash) {
        return new ChainEvent(
                tenantId,
                newSeq,
                id,
                occurredAt,
                actorKind,
                actorId,
                actorName,
                impersonatorId,
                impersonatorName,
                action,
                targetType,
                targetId,
                changes,
                outcome,
                ip,
                userAgent,
                requestId,
                previousHash,
                newHash);
    }

    ChainEvent withHash(String newHash) {
        return withLink(seq, prevHash, newHash);
    }

    /** PostgreSQL keeps microseconds; everything hashed is cut to that first. */
    static Instant truncate(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    static String formatInstant(Instant instant) {
        return instant == null ? null : INSTANT.format(instant);
    }

    static Instant parseInstant(String text) {
        return Instant.parse(text);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    private static String text(UUID id) {
        return id == null ? null : id.toString();
    }
}
