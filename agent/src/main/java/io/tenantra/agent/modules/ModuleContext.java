package io.tenantra.agent.modules;

import io.tenantra.model.OsFamily;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * What one module run sees: the shared {@link ScanEnvironment} (root directory, command runner,
 * OS family, clock, limits, settings), the {@link ResultBuilder} it fills and its deadline.
 */
public final class ModuleContext {

    private final ScanEnvironment environment;
    private final ResultBuilder result;
    private final long deadlineNanos;

    public ModuleContext(ScanEnvironment environment, ResultBuilder result, long deadlineNanos) {
        this.environment = environment;
        this.result = result;
        this.deadlineNanos = deadlineNanos;
    }

    public ScanEnvironment environment() {
        return environment;
    }

    /** All file reads go through here, relative to the injectable root. */
    public HostFiles files() {
        return environment.files();
    }

    public Path root() {
        return environment.root();
    }

    public CommandRunner commands() {
        return environment.commands();
    }

    public OsFamily os() {
        return environment.os();
    }

    public Clock clock() {
        return environment.clock();
    }

    public Instant now() {
        return environment.clock().instant();
    }

    public ModuleLimits limits() {
        return environment.limits();
    }

    public ResultBuilder result() {
        return result;
    }

    public String setting(String key, String fallback) {
        return environment.settings().getOrDefault(key, fallback);
    }

    /** A comma-separated setting as a list, trimmed, without empty entries. */
    public List<String> listSetting(String key, List<String> fallback) {
        String value = environment.settings().get(key);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        return Arrays.stream(value.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    /** Nanoseconds left before the hard deadline (negative when past it). */
    public long nanosLeft() {
        return deadlineNanos - System.nanoTime();
    }

    /**
     * Throws when the runner has cancelled this module; long loops call it so that a module stops
     * promptly instead of running on after its deadline.
     */
    public void checkCancelled() throws InterruptedException {
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedException("module cancelled at its deadline");
        }
    }
}
