package io.tenantra.agent.modules;

import java.time.Duration;

/**
 * Resource limits shared by all modules of a scan.
 *
 * @param maxFileBytes largest part of any one text file a module reads (the rest is ignored and
 *     reported)
 * @param commandTimeout how long one external command may run
 * @param maxCommandOutputBytes how much of a command's stdout is kept
 * @param maxHashBytes largest file whose SHA-256 is computed
 */
public record ModuleLimits(long maxFileBytes, Duration commandTimeout, int maxCommandOutputBytes, long maxHashBytes) {

    /** Defaults sized for an endpoint agent: enough for real configs, bounded for hostile ones. */
    public static ModuleLimits defaults() {
        return new ModuleLimits(16L * 1024 * 1024, Duration.ofSeconds(10), 8 * 1024 * 1024, 128L * 1024 * 1024);
    }

    public ModuleLimits withMaxFileBytes(long bytes) {
        return new ModuleLimits(bytes, commandTimeout, maxCommandOutputBytes, maxHashBytes);
    }

    public ModuleLimits withMaxHashBytes(long bytes) {
        return new ModuleLimits(maxFileBytes, commandTimeout, maxCommandOutputBytes, bytes);
    }
}
