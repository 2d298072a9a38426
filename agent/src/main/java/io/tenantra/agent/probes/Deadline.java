package io.tenantra.agent.probes;

import java.util.function.LongSupplier;

/**
 * A point in time (on a monotonic nanosecond clock) after which probe work stops. Regular
 * expressions read lines through {@link #guard}, which checks the deadline while the matcher
 * reads characters, so even a pattern that backtracks catastrophically ends at the deadline.
 */
final class Deadline {

    /** Thrown when the deadline passed while a probe was working. */
    static final class Expired extends RuntimeException {
        Expired() {
            super("time budget spent", null, false, false);
        }
    }

    private final LongSupplier nanos;
    private final long at;

    Deadline(LongSupplier nanos, long at) {
        this.nanos = nanos;
        this.at = at;
    }

    boolean passed() {
        return nanos.getAsLong() - at >= 0;
    }

    void check() {
        if (passed() || Thread.currentThread().isInterrupted()) {
            throw new Expired();
        }
    }

    /** Milliseconds left (0 when passed). */
    long remainingMillis() {
        return Math.max(0, (at - nanos.getAsLong()) / 1_000_000);
    }

    /** {@code text} as a sequence that checks this deadline every few thousand character reads. */
    CharSequence guard(CharSequence text) {
        return new Guarded(text, this);
    }

    private static final class Guarded implements CharSequence {
        private final CharSequence text;
        private final Deadline deadline;
        private int reads;

        Guarded(CharSequence text, Deadline deadline) {
            this.text = text;
            this.deadline = deadline;
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public char charAt(int index) {
            if ((++reads & 0xFFF) == 0) {
                deadline.check();
            }
            return text.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new Guarded(text.subSequence(start, end), deadline);
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }
}
