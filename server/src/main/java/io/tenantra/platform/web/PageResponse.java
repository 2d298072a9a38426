package io.tenantra.platform.web;

import java.util.List;

/**
 * One page of a list endpoint: {@code {"items": [...], "nextCursor": "..."|null}}. A null cursor
 * means the list is complete; otherwise pass it back as {@code ?cursor=} for the next page.
 */
public record PageResponse<T>(List<T> items, String nextCursor) {

    public PageResponse {
        items = List.copyOf(items);
    }
}
