package io.tenantra.platform.web;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Opaque list cursors and the page-size rule shared by every list endpoint. A cursor carries the
 * sort key of the last item returned (keyset paging), so pages stay stable while rows are added;
 * clients must treat it as an opaque string. Anything that does not decode is answered with 422.
 */
public final class Cursors {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    private static final String VERSION = "c1";
    // Unit separator: cannot occur in the keys we page by (names, numbers, UUIDs).
    private static final String SEPARATOR = "\u001f";
    private static final int MAX_CURSOR_LENGTH = 1024;

    private Cursors() {}

    /** The page size to use: the default when absent, 422 when outside 1..{@value #MAX_LIMIT}. */
    public static int limit(Integer requested) {
        if (requested == null) {
            return DEFAULT_LIMIT;
        }
        if (requested < 1 || requested > MAX_LIMIT) {
            throw ApiException.invalid("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return requested;
    }

    public static String encode(String... keys) {
        String joined = VERSION + SEPARATOR + String.join(SEPARATOR, keys);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(joined.getBytes(StandardCharsets.UTF_8));
    }

    /** The keys of a cursor made by {@link #encode} with exactly {@code parts} keys; 422 otherwise. */
    public static List<String> decode(String cursor, int parts) {
        if (cursor == null || cursor.isEmpty() || cursor.length() > MAX_CURSOR_LENGTH) {
            throw malformed();
        }
        String decoded;
        try {
            decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw malformed();
        }
        String[] split = decoded.split(SEPARATOR, -1);
        if (split.length != parts + 1 || !VERSION.equals(split[0])) {
            throw malformed();
        }
        return List.of(Arrays.copyOfRange(split, 1, split.length));
    }

    /** For callers whose decoded keys turn out not to parse (a UUID that is not one, say). */
    public static ApiException malformed() {
        return ApiException.invalid("cursor", "is not a cursor returned by this list");
    }
}
