package io.tenantra.platform.web;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * The opaque {@code cursor} of list endpoints: the sort key of the last item returned, so the next
 * page starts strictly after it (keyset paging: stable while rows are added or removed, and as
 * cheap on page 100 as on page 1). Clients must treat it as opaque; the version prefix lets us
 * change its content later and reject old ones cleanly.
 */
public final class Cursors {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    private static final String VERSION = "c1";
    // A control character cannot occur in the values we page by (slugs, ids, timestamps).
    private static final String SEPARATOR = "\u001f";
    private static final int MAX_CURSOR_LENGTH = 1024;

    private Cursors() {}

    /** Encodes the sort key of the last item of a page. */
    public static String encode(String... keyParts) {
        String plain = VERSION + SEPARATOR + String.join(SEPARATOR, keyParts);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Decodes a cursor made by {@link #encode} with exactly {@code parts} key parts; anything else
     * is a client error (422 on the {@code cursor} parameter), never a server error.
     */
    public static List<String> decode(String cursor, int parts) {
        if (cursor == null || cursor.isEmpty() || cursor.length() > MAX_CURSOR_LENGTH) {
            throw invalid();
        }
        String plain;
        try {
            plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        String[] split = plain.split(SEPARATOR, -1);
        if (split.length != parts + 1 || !VERSION.equals(split[0])) {
            throw invalid();
        }
        return Arrays.asList(split).subList(1, split.length);
    }

    private static ApiException invalid() {
        return ApiException.invalid("cursor", "is not a cursor returned by this list; start again without it");
    }
}
