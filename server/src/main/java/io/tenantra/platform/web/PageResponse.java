package io.tenantra.platform.web;

import java.util.List;

/**
 * One page of a list endpoint: {@code {"items": [...], "nextCursor": "..." | null}}. A null
 * {@code nextCursor} means there is nothing after this page.
 */
public record PageResponse<T>(List<T> items, String nextCursor) {

    public PageResponse {
        items = List.copyOf(items);
    }
}
