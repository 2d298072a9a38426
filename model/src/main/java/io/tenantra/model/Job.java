package io.tenantra.model;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One unit of work for one agent: run these modules and upload one {@link JobResult}.
 *
 * @param deadline results arriving after it are refused; the job times out
 * @param attempt 1 for the first dispatch, higher when a lost job was dispatched again
 * @param moduleTimeoutSeconds the time limit of each module
 */
public record Job(UUID id, UUID scanId, List<String> modules, Instant deadline, int attempt, int moduleTimeoutSeconds) {

    public Job {
        modules = modules == null ? List.of() : List.copyOf(modules);
    }
}
