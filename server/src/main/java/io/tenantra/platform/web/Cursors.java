package io.tenantra.platform.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * The list conventions shared by every endpoint: {@code ?limit=} (default 50, 1 to 500) and an
 * opaque {@code ?cursor=}. A cursor is the sort key of the last item returned, base64url-encoded
 * so clients treat it as a token and do not build their own; a cursor that does not decode to
 * the expected shape answers 422, never 500.
 */
public final class Cursors {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;
    private static final char SEPARATOR = '\n';
    private static final int MAX_CURSOR_LENGTH = 1024;

    private Cursors() {}

    /** The page size to use: the default when absent, 422 when out of range. */
    public static int limit(Integer requested) {
        if (requested == null) {
            return DEFAULT_LIMIT;
        }
        if (requested < 1 || requested > MAX_LIMIT) {
            throw ApiException.invalid("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return requested;
    }

    /** Encodes the sort key of the last item on a page. */
    public static String encode(String... parts) {
        String joined = String.join(String.valueOf(SEPARATOR), parts);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(joined.getBytes(StandardCharsets.UTF_8));
    }

    /** Decodes a cursor into exactly {@code expectedParts} parts; 422 for anything else. */
    public static List<String> decode(String cursor, int expectedParts) {
        if (cursor.length() > MAX_CURSOR_LENGTH) {
            throw malformed();
        }
        String decoded;
        try {
            decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw malformed();
        }
        List<String> parts = List.of(decoded.split(String.valueOf(SEPARATOR), -1));
        if (parts.size() != expectedParts) {
            throw malformed();
        }
        return parts;
    }

    /** For callers whose own parsing of a decoded part fails. */
    public static ApiException malformed() {
        return ApiException.invalid("cursor", "is not a cursor this list returned");
    }
}
