package io.tenantra.model;

import java.time.Instant;
import java.util.List;

/**
 * How a module run went, kept apart from its findings so that findings of an unchanged host
 * compare equal between scans while timings differ.
 *
 * @param skipped what the module did not look at and why (limits, permissions, missing tools)
 */
public record ModuleExecution(
        Instant startedAt, long durationMillis, boolean timedOut, boolean truncated, List<String> skipped) {

    public ModuleExecution {
        skipped = skipped == null ? List.of() : List.copyOf(skipped);
    }
}
