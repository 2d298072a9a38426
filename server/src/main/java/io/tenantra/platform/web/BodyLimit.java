package io.tenantra.platform.web;

/**
 * A request body limit for one path prefix, declared as a bean by the module that owns the
 * paths (for example result uploads, which are larger than ordinary API calls). The longest
 * matching prefix wins; every other {@code /api/**} path keeps the global limit.
 */
public record BodyLimit(String pathPrefix, long maxBytes) {

    public BodyLimit {
        if (pathPrefix == null || !pathPrefix.startsWith("/api/")) {
            throw new IllegalArgumentException("a body limit applies to a path prefix under /api/");
        }
        if (maxBytes < 1024) {
            throw new IllegalArgumentException("a body limit must be at least 1024 bytes");
        }
    }
}
