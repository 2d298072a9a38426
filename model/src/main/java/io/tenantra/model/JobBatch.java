package io.tenantra.model;

import java.util.List;

/** The answer to {@code GET /api/v1/agent/jobs}: empty when the long poll timed out idle. */
public record JobBatch(List<Job> jobs) {

    public JobBatch {
        jobs = jobs == null ? List.of() : List.copyOf(jobs);
    }
}
