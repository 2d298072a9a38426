package io.tenantra.agents;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tenantra.model.JobBatch;
import io.tenantra.model.ResultReceipt;
import io.tenantra.platform.web.AuthenticatedEndpoint;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.io.IOException;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

/** The agent side of scans: long-poll for jobs, acknowledge one, upload its result. */
@RestController
@RequestMapping(path = "/api/v1/agent/jobs", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Agent protocol")
class AgentJobController {

    private final JobFeed feed;
    private final JobLifecycle lifecycle;
    private final ResultIngestion ingestion;

    AgentJobController(JobFeed feed, JobLifecycle lifecycle, ResultIngestion ingestion) {
        this.feed = feed;
        this.lifecycle = lifecycle;
        this.ingestion = ingestion;
    }

    @AuthenticatedEndpoint
    @GetMapping
    @Operation(summary = "Long poll: jobs for this agent, waiting up to waitSeconds (0-60) when there are none")
    DeferredResult<JobBatch> poll(
            @AuthenticationPrincipal AgentPrincipal agent,
            @RequestParam(defaultValue = "0") @Min(0) @Max(60) int waitSeconds) {
        return feed.poll(agent, waitSeconds);
    }

    @AuthenticatedEndpoint
    @PostMapping("/{jobId}/running")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "The agent started the job: its lease is extended to cover the run")
    void running(@AuthenticationPrincipal AgentPrincipal agent, @PathVariable UUID jobId) {
        lifecycle.running(agent, jobId);
    }

    @AuthenticatedEndpoint
    @PostMapping("/{jobId}/result")
    @Operation(summary = "Upload the job's result (application/json, optionally Content-Encoding: gzip); idempotent")
    ResultReceipt result(
            @AuthenticationPrincipal AgentPrincipal agent, @PathVariable UUID jobId, HttpServletRequest request)
            throws IOException {
        byte[] body = request.getInputStream().readAllBytes();
        return ingestion.accept(agent, jobId, body, request.getContentType(), request.getHeader("Content-Encoding"));
    }
}
