package io.tenantra.agents;

import io.tenantra.platform.web.Cursors;
import io.tenantra.platform.web.PageResponse;
import java.util.List;
import java.util.function.Function;

/** The list conventions ({@link Cursors}) applied to this module's keyset-paged queries. */
final class Pages {

    private Pages() {}

    /** The decoded cursor, or null when the caller asked for the first page. */
    static List<String> after(String cursor, int parts) {
        return cursor == null || cursor.isEmpty() ? null : Cursors.decode(cursor, parts);
    }

    /** Trims {@code limit + 1} fetched rows to a page, with the cursor of its last item. */
    static <T> PageResponse<T> page(List<T> fetched, int limit, Function<T, String> cursorOf) {
        if (fetched.size() <= limit) {
            return new PageResponse<>(fetched, null);
        }
        List<T> items = fetched.subList(0, limit);
        return new PageResponse<>(items, cursorOf.apply(items.get(limit - 1)));
    }
}
