package io.tenantra.platform.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Opaque list cursors and the {@code ?limit=} rule shared by every list endpoint. A cursor is
 * a few position values joined and base64url-encoded; clients must treat it as opaque. Anything
 * that does not decode to the expected shape is a 422 on {@code cursor}, never a 500.
 */
public final class Cursors {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;
    private static final String SEPARATOR = "|";
    private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]{1,512}");

    private Cursors() {}

    /** The page size: {@link #DEFAULT_LIMIT} when absent, 422 outside 1..{@link #MAX_LIMIT}. */
    public static int limit(Integer requested) {
        if (requested == null) {
            return DEFAULT_LIMIT;
        }
        if (requested < 1 || requested > MAX_LIMIT) {
            throw ApiException.invalid("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return requested;
    }

    /** Encodes position values, none of which may contain {@code |}. */
    public static String encode(String... parts) {
        for (String part : parts) {
            if (part.contains(SEPARATOR)) {
                throw new IllegalArgumentException("cursor parts cannot contain " + SEPARATOR);
            }
        }
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(String.join(SEPARATOR, parts).getBytes(StandardCharsets.UTF_8));
    }

    /** The position values of a cursor made by {@link #encode}; 422 unless there are exactly {@code parts}. */
    public static List<String> decode(String cursor, int parts) {
        if (cursor == null || !BASE64URL.matcher(cursor).matches()) {
            throw malformed();
        }
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw malformed();
        }
        List<String> values = List.of(text.split(Pattern.quote(SEPARATOR), -1));
        if (values.size() != parts) {
            throw malformed();
        }
        return values;
    }

    public static ApiException malformed() {
        return ApiException.invalid("cursor", "is not a cursor this list returned");
    }
}
