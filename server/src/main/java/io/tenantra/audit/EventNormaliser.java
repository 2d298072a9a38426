package io.tenantra.audit;

import io.tenantra.platform.audit.Actor;
import io.tenantra.platform.audit.AuditEvent;
import io.tenantra.platform.context.Origin;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a published {@link AuditEvent} into the exact values that are hashed and stored. Every
 * step here is about making what is hashed equal to what PostgreSQL gives back later: text cut
 * to column-friendly lengths, characters PostgreSQL cannot store replaced, instants cut to
 * microseconds, the change summary reduced to plain JSON values. Secrets are redacted again,
 * defensively, even though publishers must never send them.
 */
final class EventNormaliser {

    static final String REDACTED = "[redacted]";
    /** Change summaries larger than this are replaced by a note saying which keys they had. */
    static final int MAX_CHANGES_CHARS = 32 * 1024;

    private static final Pattern SECRET_KEY = Pattern.compile("(?i).*(password|secret|token|hash|key).*");
    private static final Pattern IDENTIFIER_KEY = Pattern.compile(".*(Id|_id|Ids|_ids)");

    private final JsonMapper json;

    EventNormaliser(JsonMapper json) {
        this.json = json;
    }

    /** The event as a chain link that is not yet linked (seq 0, no hashes). */
    ChainEvent normalise(AuditEvent event, UUID tenantId, Instant fallbackTime) {
        Actor actor = event.actor() == null ? Actor.SYSTEM : event.actor();
        Origin request = event.request();
        return new ChainEvent(
                tenantId,
                0,
                UUID.randomUUID(),
                ChainEvent.truncate(event.at() == null ? fallbackTime : event.at()),
                actor.kind() == null ? Actor.Kind.SYSTEM.name() : actor.kind().name(),
                actor.id(),
                text(actor.name(), 200),
                actor.impersonatorId(),
                text(actor.impersonatorName(), 200),
                event.action() == null || event.action().isBlank() ? "unknown" : text(event.action(), 100),
                text(event.targetType(), 100),
                text(event.targetId(), 200),
                changes(event.changes()),
                (event.outcome() == null ? AuditEvent.Outcome.SUCCESS : event.outcome()).name(),
                text(request.clientAddress(), 64),
                text(request.userAgent(), 512),
                text(request.requestId(), 128),
                null,
                null);
    }

    /** Canonical JSON of the redacted change summary. */
    String changes(Map<String, Object> changes) {
        // Plain JSON-like values need no help; anything else (records, enums, times) goes through
        // Jackson, which renders them as the API would.
        Object plain = changes == null || changes.isEmpty()
                ? Map.of()
                : isPlain(changes, 0) ? changes : json.convertValue(changes, Object.class);
        Object cleaned = clean(plain, null, 0);
        String canonical = CanonicalJson.write(cleaned);
        if (canonical.length() <= MAX_CHANGES_CHARS) {
            return canonical;
        }
        Map<String, Object> note = new TreeMap<>();
        note.put("truncated", true);
        note.put("size", canonical.length());
        note.put("keys", cleaned instanceof Map<?, ?> map ? new ArrayList<>(map.keySet()) : List.of());
        return CanonicalJson.write(note);
    }

    private static boolean isPlain(Object value, int depth) {
        if (value == null
                || value instanceof String
                || value instanceof Boolean
                || value instanceof Integer
                || value instanceof Long
                || value instanceof Double
                || value instanceof BigDecimal
                || value instanceof BigInteger) {
            return true;
        }
        if (depth > 32) {
            return false;
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String) || !isPlain(e.getValue(), depth + 1)) {
                    return false;
                }
            }
            return true;
        }
        if (value instanceof List<?> list) {
            for (Object item : list) {
                if (!isPlain(item, depth + 1)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    static boolean isSecretKey(String key) {
        return SECRET_KEY.matcher(key).matches() && !IDENTIFIER_KEY.matcher(key).matches();
    }

    private static Object clean(Object value, String key, int depth) {
        if (key != null && isSecretKey(key)) {
            return REDACTED;
        }
        if (value == null || value instanceof Boolean) {
            return value;
        }
        if (depth > 32) {
            return "[nested too deeply]";
        }
        if (value instanceof String s) {
            return text(s, Integer.MAX_VALUE);
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        if (value instanceof BigInteger big) {
            return new BigDecimal(big);
        }
        if (value instanceof BigDecimal decimal) {
            return decimal;
        }
        if (value instanceof Number number) {
            double d = number.doubleValue();
            return Double.isFinite(d) ? new BigDecimal(Double.toString(d)) : Double.toString(d);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> result = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                String name = text(String.valueOf(k), 200);
                result.put(name, clean(v, name, depth + 1));
            });
            return result;
        }
        if (value instanceof List<?> list) {
            List<Object> result = new ArrayList<>(list.size());
            list.forEach(v -> result.add(clean(v, null, depth + 1)));
            return result;
        }
        return text(value.toString(), Integer.MAX_VALUE);
    }

    /**
     * Text PostgreSQL stores exactly as given: no NUL characters (text and jsonb reject them) and
     * no lone surrogates (they cannot be encoded as UTF-8), both replaced by U+FFFD; at most
     * {@code max} characters.
     */
    static String text(String value, int max) {
        if (value == null) {
            return null;
        }
        String cut = value.length() <= max ? value : value.substring(0, max);
        StringBuilder out = null;
        for (int i = 0; i < cut.length(); i++) {
            char c = cut.charAt(i);
            boolean bad = c == '\0'
                    || (Character.isHighSurrogate(c)
                            && (i + 1 >= cut.length() || !Character.isLowSurrogate(cut.charAt(i + 1))))
                    || (Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(cut.charAt(i - 1))));
            if (bad && out == null) {
                out = new StringBuilder(cut.substring(0, i));
            }
            if (out != null) {
                out.append(bad ? '\uFFFD' : c);
            }
        }
        return out == null ? cut : out.toString();
    }
}
