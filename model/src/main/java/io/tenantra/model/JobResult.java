package io.tenantra.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * {@code POST /api/v1/agent/jobs/{jobId}/result}: everything one job produced, uploaded once
 * (and safely again after a lost answer: the server applies it exactly once).
 *
 * @param results one result per module of the job
 * @param log the agent's execution log for this job, one line per entry
 * @param probeResults one answer per probe the job carried (empty when it carried none, and from
 *     agents older than probes); left out of the JSON when empty
 */
public record JobResult(
        UUID jobId,
        Instant startedAt,
        Instant finishedAt,
        List<ModuleResult> results,
        List<String> log,
        // Left out when empty, so servers older than probes (which refuse unknown fields) still accept it.
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ProbeResult> probeResults) {

    public JobResult {
        results = results == null ? List.of() : List.copyOf(results);
        log = log == null ? List.of() : List.copyOf(log);
        probeResults = probeResults == null ? List.of() : List.copyOf(probeResults);
    }

    /** A result without probe answers. */
    public JobResult(UUID jobId, Instant startedAt, Instant finishedAt, List<ModuleResult> results, List<String> log) {
        this(jobId, startedAt, finishedAt, results, log, List.of());
    }
}
