package io.tenantra.platform.web;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.function.LongSupplier;

/**
 * A response that holds its body back until {@link ServerTimingFilter} has stamped the
 * {@code Server-Timing} header: the header needs an uncommitted response, and the container
 * commits as soon as its own buffer fills. Up to {@link #HOLD_BYTES} are held in memory; a
 * larger body, an explicit flush, an error or a redirect stamps the header with the time so far
 * and lets everything through from then on.
 */
final class TimedResponse extends HttpServletResponseWrapper {

    /** Enough for any console page; a large export is stamped when it passes this and then streams. */
    static final int HOLD_BYTES = 512 * 1024;

    private final LongSupplier nanoTime;
    private final long start;
    private final ByteArrayOutputStream held = new ByteArrayOutputStream(8 * 1024);
    private boolean stamped;
    private boolean passing;
    private HeldStream stream;
    private PrintWriter writer;

    TimedResponse(HttpServletResponse response, LongSupplier nanoTime, long start) {
        super(response);
        this.nanoTime = nanoTime;
        this.start = start;
    }

    /** Sets the header with the time since the start, once, if the response is not yet committed. */
    synchronized void stamp() {
        if (!stamped) {
            stamped = true;
            if (!getResponse().isCommitted()) {
                setHeader(ServerTimingFilter.HEADER, ServerTimingFilter.value(nanoTime.getAsLong() - start));
            }
        }
    }

    /** The handler is done: stamp, then send what was held. */
    synchronized void finish() throws IOException {
        release();
        if (writer != null) {
            writer.flush();
        }
    }

    /** Stamp and from now on let the body through as it is written. */
    synchronized void release() throws IOException {
        if (passing) {
            return;
        }
        stamp();
        if (writer != null) {
            writer.flush(); // into the hold, then out below
        }
        passing = true;
        if (held.size() > 0) {
            held.writeTo(super.getOutputStream());
            held.reset();
        }
    }

    @Override
    public synchronized ServletOutputStream getOutputStream() throws IOException {
        if (writer != null) {
            throw new IllegalStateException("getWriter() has already been called");
        }
        if (stream == null) {
            stream = new HeldStream(super.getOutputStream());
        }
        return stream;
    }

    @Override
    public synchronized PrintWriter getWriter() throws IOException {
        if (writer == null) {
            if (stream != null) {
                throw new IllegalStateException("getOutputStream() has already been called");
            }
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding);
            stream = new HeldStream(super.getOutputStream());
            writer = new PrintWriter(new OutputStreamWriter(stream, charset));
        }
        return writer;
    }

    @Override
    public synchronized void flushBuffer() throws IOException {
        release();
        if (writer != null) {
            writer.flush();
        }
        super.flushBuffer();
    }

    @Override
    public synchronized void sendError(int sc, String msg) throws IOException {
        stamp();
        super.sendError(sc, msg);
    }

    @Override
    public synchronized void sendError(int sc) throws IOException {
        stamp();
        super.sendError(sc);
    }

    @Override
    public synchronized void sendRedirect(String location) throws IOException {
        stamp();
        super.sendRedirect(location);
    }

    @Override
    public synchronized void resetBuffer() {
        held.reset();
        super.resetBuffer();
    }

    @Override
    public synchronized void reset() {
        held.reset();
        super.reset();
        if (stamped && !isCommitted()) {
            stamped = false; // a reset drops headers too: stamp again at the end
        }
    }

    /** The body's bytes: into the hold until released, then straight to the container. */
    private final class HeldStream extends ServletOutputStream {

        private final ServletOutputStream out;

        HeldStream(ServletOutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            synchronized (TimedResponse.this) {
                if (passing) {
                    out.write(b);
                    return;
                }
                held.write(b);
                overflow();
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            synchronized (TimedResponse.this) {
                if (passing) {
                    out.write(b, off, len);
                    return;
                }
                held.write(b, off, len);
                overflow();
            }
        }

        @Override
        public void flush() throws IOException {
            synchronized (TimedResponse.this) {
                if (!passing && writer != null) {
                    // A PrintWriter flush on finish/release lands here before anything is sent: keep holding.
                    return;
                }
                release();
                out.flush();
            }
        }

        @Override
        public void close() throws IOException {
            synchronized (TimedResponse.this) {
                release();
                out.close();
            }
        }

        private void overflow() throws IOException {
            if (held.size() > HOLD_BYTES) {
                release();
            }
        }

        @Override
        public boolean isReady() {
            return out.isReady();
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            out.setWriteListener(listener);
        }
    }
}
