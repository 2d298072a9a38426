package io.tenantra.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The Server-Timing filter on its own, with a clock the test moves: the header carries the time
 * up to the commit, is set before the body leaves (even when the handler fills more than the
 * container's buffer), and a streamed body is stamped at its first flush and then streams.
 */
class ServerTimingFilterTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final ServerTimingFilter filter = new ServerTimingFilter(now::get);

    /** A container response that commits when its buffer fills, as Tomcat's does. */
    private static MockHttpServletResponse container(int buffer) {
        MockHttpServletResponse response = new MockHttpServletResponse();
        response.setBufferSize(buffer);
        return response;
    }

    private void run(MockHttpServletResponse response, FilterChain chain) throws Exception {
        filter.doFilter(new MockHttpServletRequest("GET", "/agents"), response, chain);
    }

    @Test
    void aPageIsStampedWithTheTimeUntilItWasCompleteAndItsBodyIsIntact() throws Exception {
        MockHttpServletResponse response = container(8 * 1024);
        String page = "<p>row</p>".repeat(5_000); // 50 kB: more than the container's buffer
        run(response, (req, res) -> {
            now.addAndGet(40_000_000L); // 40 ms of work before the first byte
            res.setContentType("text/html;charset=UTF-8");
            res.getWriter().write(page.substring(0, 20_000));
            now.addAndGet(25_500_000L); // rendering goes on after the buffer would have filled
            res.getWriter().write(page.substring(20_000));
        });
        assertThat(response.getHeader(ServerTimingFilter.HEADER)).isEqualTo("app;dur=65.5");
        assertThat(response.getContentAsString(StandardCharsets.UTF_8)).isEqualTo(page);
    }

    @Test
    void anApiBodyWrittenToTheStreamAndFlushedIsStampedAtTheFlush() throws Exception {
        MockHttpServletResponse response = container(8 * 1024);
        run(response, (req, res) -> {
            now.addAndGet(12_340_000L);
            res.getOutputStream().write("{\"ok\":true}".getBytes(StandardCharsets.UTF_8));
            res.getOutputStream().flush();
            now.addAndGet(50_000_000L); // after the commit: not counted
        });
        assertThat(response.getHeader(ServerTimingFilter.HEADER)).isEqualTo("app;dur=12.3");
        assertThat(response.getContentAsString()).isEqualTo("{\"ok\":true}");
    }

    @Test
    void aLargeExportIsStampedWhenItOutgrowsTheHoldAndThenStreams() throws Exception {
        MockHttpServletResponse response = container(8 * 1024);
        byte[] chunk = new byte[64 * 1024];
        int chunks = TimedResponse.HOLD_BYTES / chunk.length + 3;
        boolean[] committedWhileWriting = {false};
        run(response, (req, res) -> {
            for (int i = 0; i < chunks; i++) {
                now.addAndGet(1_000_000L);
                res.getOutputStream().write(chunk);
            }
            committedWhileWriting[0] = res.isCommitted();
        });
        assertThat(committedWhileWriting[0]).as("streamed before the end").isTrue();
        int stampedAfter = TimedResponse.HOLD_BYTES / chunk.length + 1;
        assertThat(response.getHeader(ServerTimingFilter.HEADER)).isEqualTo("app;dur=" + stampedAfter + ".0");
        assertThat(response.getContentAsByteArray()).hasSize(chunks * chunk.length);
    }

    @Test
    void redirectsAndErrorsAreStampedToo() throws Exception {
        MockHttpServletResponse redirect = container(8 * 1024);
        run(redirect, (req, res) -> {
            now.addAndGet(3_000_000L);
            ((HttpServletResponse) res).sendRedirect("/login");
        });
        assertThat(redirect.getHeader(ServerTimingFilter.HEADER)).isEqualTo("app;dur=3.0");

        MockHttpServletResponse error = container(8 * 1024);
        run(error, (req, res) -> ((HttpServletResponse) res).sendError(404));
        assertThat(error.getHeader(ServerTimingFilter.HEADER)).isEqualTo("app;dur=0.0");
    }
}
