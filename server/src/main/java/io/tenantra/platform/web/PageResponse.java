package io.tenantra.platform.web;

import java.util.List;

/**
 * One page of a list endpoint: {@code {"items": [...], "nextCursor": "..."|null}}. Pass {@code
 * nextCursor} back as {@code ?cursor=} for the next page; null means there is none.
 */
public record PageResponse<T>(List<T> items, String nextCursor) {

    public PageResponse {
        items = List.copyOf(items);
    }
}
