package io.tenantra.agent.modules;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Stops reading at a byte cap and remembers whether more was there. */
final class CappedInputStream extends FilterInputStream {
    private long remaining;
    private boolean truncated;

    CappedInputStream(InputStream in, long cap) {
        super(in);
        this.remaining = cap;
    }

    @Override
    public int read() throws IOException {
        if (remaining <= 0) {
            probe();
            return -1;
        }
        int b = super.read();
        if (b >= 0) {
            remaining--;
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (remaining <= 0) {
            probe();
            return -1;
        }
        int n = super.read(buffer, offset, (int) Math.min(length, remaining));
        if (n > 0) {
            remaining -= n;
        }
        return n;
    }

    private void probe() throws IOException {
        if (!truncated && in.read() >= 0) {
            truncated = true;
        }
    }

    boolean truncated() {
        return truncated;
    }
}
