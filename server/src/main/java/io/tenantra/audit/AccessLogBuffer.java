package io.tenantra.audit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Keeps request threads off the database: access-log rows wait in a bounded queue and a
 * background thread writes them in batches, at least every {@code flush-interval} or as soon as
 * a batch is full. When the queue is full, new rows are dropped and counted ({@code
 * tenantra.access_log.dropped}): the access log is operational data, not evidence, and must never
 * slow down or fail a request. Whatever is queued is written on shutdown, after the web server
 * has stopped taking requests.
 */
@Component
class AccessLogBuffer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AccessLogBuffer.class);

    private final BlockingQueue<AccessLogEntry> queue;
    private final AccessLogRepository repository;
    private final int batchSize;
    private final long flushIntervalNanos;
    private final Counter dropped;
    private final Object writing = new Object();
    private volatile boolean running;
    private volatile Thread flusher;

    AccessLogBuffer(AccessLogRepository repository, AuditProperties properties, MeterRegistry meters) {
        this.repository = repository;
        this.queue = new ArrayBlockingQueue<>(properties.accessLog().queueCapacity());
        this.batchSize = properties.accessLog().batchSize();
        this.flushIntervalNanos = properties.accessLog().flushInterval().toNanos();
        this.dropped = Counter.builder("tenantra.access_log.dropped")
                .description("API access-log rows dropped because the buffer was full or a write failed")
                .register(meters);
        Gauge.builder("tenantra.access_log.queued", queue, BlockingQueue::size)
                .description("API access-log rows waiting to be written")
                .register(meters);
    }

    /** Queues a row without ever blocking the caller. */
    void add(AccessLogEntry entry) {
        if (!queue.offer(entry)) {
            dropped.increment();
            return;
        }
        if (queue.size() >= batchSize) {
            Thread thread = flusher;
            if (thread != null) {
                LockSupport.unpark(thread);
            }
        }
    }

    /** Writes everything queued so far; returns when it is stored. Tests call this to be deterministic. */
    void flush() {
        synchronized (writing) {
            List<AccessLogEntry> batch = new ArrayList<>(batchSize);
            while (queue.drainTo(batch, batchSize) > 0) {
                write(batch);
                batch.clear();
            }
        }
    }

    private void write(List<AccessLogEntry> batch) {
        try {
            repository.insert(batch);
        } catch (RuntimeException e) {
            dropped.increment(batch.size());
            log.warn("Could not write {} API access-log row(s); they are dropped: {}", batch.size(), e.toString());
        }
    }

    private void loop() {
        while (running) {
            LockSupport.parkNanos(this, flushIntervalNanos);
            try {
                flush();
            } catch (RuntimeException e) {
                // Never let one bad moment end the writer thread for the rest of the process.
                log.warn("The API access-log writer failed; it keeps going", e);
            }
        }
    }

    @Override
    public void start() {
        running = true;
        Thread thread = new Thread(this::loop, "access-log-writer");
        thread.setDaemon(true);
        flusher = thread;
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        Thread thread = flusher;
        flusher = null;
        if (thread != null) {
            LockSupport.unpark(thread);
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        flush();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops after the web server (lower phases stop later), so the last requests are kept. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }
}
