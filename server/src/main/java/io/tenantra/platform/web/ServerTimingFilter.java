package io.tenantra.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.LongSupplier;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Tells every caller how long the server took: {@code Server-Timing: app;dur=<ms>} on every
 * console page and API response, measured from this filter's entry (before security, so sign-in
 * checks count) to the moment the response is committed. Browsers show it in their developer
 * tools and the console benchmark (bench/run-console.sh) reads it, so server time can be told
 * apart from transfer.
 *
 * <p>A header can only be set before the response is committed, and a container commits as soon
 * as its buffer fills, so the response is wrapped ({@link TimedResponse}): the body is held back
 * until the handler is done (or up to {@link TimedResponse#HOLD_BYTES}), the header is stamped,
 * then the body goes out. A streamed response (a CSV export, a flush) is stamped at its first
 * flush or when the hold is full, with the time up to then; an asynchronous one when its handler
 * returns. A response committed before the wrapper could act (never by our code) goes without.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class ServerTimingFilter extends OncePerRequestFilter {

    public static final String HEADER = "Server-Timing";

    private final LongSupplier nanoTime;

    public ServerTimingFilter() {
        this(System::nanoTime);
    }

    ServerTimingFilter(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        TimedResponse timed = new TimedResponse(response, nanoTime, nanoTime.getAsLong());
        try {
            chain.doFilter(request, timed);
        } finally {
            if (request.isAsyncStarted()) {
                // The body follows on another thread: stamp now, then let it through unheld.
                timed.release();
            } else {
                timed.finish();
            }
        }
    }

    /** The header's value for {@code nanos}: milliseconds with one decimal. */
    static String value(long nanos) {
        return "app;dur=" + Math.round(nanos / 100_000.0) / 10.0;
    }
}
