package io.tenantra.platform.web;

import io.tenantra.platform.TenantraProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds request bodies on {@code /api/**}. A declared {@code Content-Length} over the limit is
 * refused before anything is read; a chunked body is counted while it is read and the read fails
 * with {@link PayloadTooLargeException} as soon as it passes the limit, which the API error
 * handler turns into 413. Endpoints that accept larger uploads declare their own limit with a
 * {@link BodyLimit} bean.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class RequestBodyLimitFilter extends OncePerRequestFilter {

    private final long defaultLimit;
    private final ProblemResponseWriter problems;
    private final List<BodyLimit> overrides;

    public RequestBodyLimitFilter(
            TenantraProperties properties, ProblemResponseWriter problems, ObjectProvider<BodyLimit> overrides) {
        this.defaultLimit = properties.maxApiBodyBytes();
        this.problems = problems;
        // Longest prefix first, so the most specific declaration wins.
        this.overrides = overrides
                .orderedStream()
                .sorted(Comparator.comparingInt((BodyLimit b) -> b.pathPrefix().length())
                        .reversed())
                .toList();
    }

    private long limitFor(HttpServletRequest request) {
        String uri = request.getRequestURI();
        for (BodyLimit override : overrides) {
            if (uri.startsWith(override.pathPrefix())) {
                return override.maxBytes();
            }
        }
        return defaultLimit;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limit = limitFor(request);
        if (request.getContentLengthLong() > limit) {
            problems.write(
                    request,
                    response,
                    ProblemType.PAYLOAD_TOO_LARGE,
                    "The request body is larger than the limit of " + limit + " bytes.");
            return;
        }
        chain.doFilter(new LimitedRequest(request, limit), response);
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {
        private final long limit;
        private ServletInputStream stream;

        LimitedRequest(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new CountingStream(super.getInputStream(), limit);
            }
            return stream;
        }
    }

    private static final class CountingStream extends ServletInputStream {
        private final ServletInputStream delegate;
        private final long limit;
        private long count;

        CountingStream(ServletInputStream delegate, long limit) {
            this.delegate = delegate;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = delegate.read();
            if (b >= 0) {
                add(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = delegate.read(buffer, offset, length);
            if (n > 0) {
                add(n);
            }
            return n;
        }

        private void add(int n) throws PayloadTooLargeException {
            count += n;
            if (count > limit) {
                throw new PayloadTooLargeException(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return delegate.isFinished();
        }

        @Override
        public boolean isReady() {
            return delegate.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            delegate.setReadListener(listener);
        }
    }
}
