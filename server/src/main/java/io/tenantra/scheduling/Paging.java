package io.tenantra.scheduling;

import io.tenantra.platform.web.ApiException;
import io.tenantra.platform.web.Cursors;
import io.tenantra.platform.web.PageResponse;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/** The list conventions ({@link Cursors}) for this module's lists, keyset-paged on (sort key, id). */
final class Paging {

    static final int MAX_QUERY = 200;

    private Paging() {}

    /** The (sort key, id) a cursor continues after; null for the first page; 422 when malformed. */
    static After after(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        List<String> keys = Cursors.decode(cursor, 2);
        try {
            return new After(keys.get(0), UUID.fromString(keys.get(1)));
        } catch (IllegalArgumentException e) {
            throw Cursors.malformed();
        }
    }

    /** A search term, stripped; null when blank; 422 when longer than {@value #MAX_QUERY}. */
    static String query(String q) {
        if (q == null || q.isBlank()) {
            return null;
        }
        if (q.length() > MAX_QUERY) {
            throw ApiException.invalid("q", "must be at most " + MAX_QUERY + " characters");
        }
        return q.strip();
    }

    /** Trims {@code limit + 1} fetched rows to a page with the cursor of its last item. */
    static <T> PageResponse<T> page(List<T> fetched, int limit, Function<T, String[]> keysOf) {
        if (fetched.size() <= limit) {
            return new PageResponse<>(fetched, null);
        }
        List<T> items = fetched.subList(0, limit);
        return new PageResponse<>(items, Cursors.encode(keysOf.apply(items.get(limit - 1))));
    }

    record After(String key, UUID id) {}
}
