package io.tenantra.platform.web;

import java.time.Duration;

/**
 * Answers 429 with a {@code Retry-After} header (whole seconds, rounded up, at least 1), for any
 * limit a module enforces: login attempts, API quotas.
 */
public class RateLimitedException extends ApiException {

    private final long retryAfterSeconds;

    public RateLimitedException(String detail, Duration retryAfter) {
        super(ProblemType.RATE_LIMITED, detail);
        this.retryAfterSeconds = seconds(retryAfter);
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** Whole seconds, rounded up so that a client waiting that long is never refused again. */
    public static long seconds(Duration wait) {
        long seconds = wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }
}
