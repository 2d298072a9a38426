package io.tenantra.compliance.api;

import io.tenantra.platform.web.ApiException;
import io.tenantra.platform.web.Cursors;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Query parameters of the compliance API, validated the same way everywhere: anything that does
 * not parse, is out of range or names nothing known is a 422 naming the parameter.
 */
final class Params {

    /** Ids of checks, policies, frameworks and controls as content writes them. */
    static final Pattern CONTENT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:()/ -]{0,199}");

    static final int MAX_TEXT = 200;

    private Params() {}

    /** An offset cursor: lists sorted by arbitrary columns page by position. */
    static int offset(String cursor) {
        if (cursor == null) {
            return 0;
        }
        try {
            int offset = Integer.parseInt(Cursors.decode(cursor, 1).get(0));
            if (offset < 0) {
                throw Cursors.malformed();
            }
            return offset;
        } catch (NumberFormatException e) {
            throw Cursors.malformed();
        }
    }

    static String next(int offset, int limit, int returned) {
        return returned < limit ? null : Cursors.encode(Integer.toString(offset + limit));
    }

    static String contentId(String name, String value) {
        if (value == null) {
            return null;
        }
        if (!CONTENT_ID.matcher(value).matches()) {
            throw ApiException.invalid(name, "is not a valid id");
        }
        return value;
    }

    static String text(String name, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (value.codePointCount(0, value.length()) > MAX_TEXT) {
            throw ApiException.invalid(name, "must be at most " + MAX_TEXT + " characters");
        }
        return value;
    }

    static UUID uuid(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(name, "is not a UUID");
        }
    }

    static LocalDate date(String name, String value, LocalDate fallback) {
        if (value == null) {
            return fallback;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(name, "is not a date (YYYY-MM-DD)");
        }
    }

    static int range(String name, Integer value, int fallback, int min, int max) {
        if (value == null) {
            return fallback;
        }
        if (value < min || value > max) {
            throw ApiException.invalid(name, "must be between " + min + " and " + max);
        }
        return value;
    }

    /** A comma-separated list of enum names (case-insensitive). */
    static <E extends Enum<E>> Set<E> enums(String name, String value, Class<E> type) {
        if (value == null || value.isEmpty()) {
            return Set.of();
        }
        List<E> parsed = new ArrayList<>();
        for (String part : value.split(",", -1)) {
            try {
                parsed.add(Enum.valueOf(type, part.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw ApiException.invalid(name, "must be one of " + names(type, Enum::name));
            }
        }
        return Set.copyOf(parsed);
    }

    static <E extends Enum<E>> String names(Class<E> type, Function<E, String> name) {
        List<String> names = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            names.add(name.apply(constant).toLowerCase(Locale.ROOT));
        }
        return String.join(", ", names);
    }
}
