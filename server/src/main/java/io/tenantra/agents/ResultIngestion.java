package io.tenantra.agents;

import io.tenantra.database.TenantTransactions;
import io.tenantra.model.AgentProtocol;
import io.tenantra.model.JobResult;
import io.tenantra.model.ModuleResult;
import io.tenantra.model.ModuleStatus;
import io.tenantra.model.ResultReceipt;
import io.tenantra.platform.audit.AuditAction;
import io.tenantra.platform.audit.AuditEvents;
import io.tenantra.platform.context.TenantScope;
import io.tenantra.platform.web.ApiException;
import io.tenantra.platform.web.ProblemType;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Accepts one job's result, exactly once. The job row is locked for the whole transaction;
 * module rows are batch-inserted, probe answers kept as the agent's latest ({@code probe_result}), the job finished with the upload's digest, one audit record
 * written, {@link ScanJobResultStored} published (and {@link ScanFinished} when it was the scan's
 * last open job), all or nothing.
 *
 * <p>Idempotency contract: the first acceptable upload answers 200 with {@code duplicate:
 * false}; the identical upload again (the agent lost the answer) answers 200 with {@code
 * duplicate: true} and changes nothing; a different upload for a job that already has a result,
 * or for a cancelled or timed-out job, answers 409. Agents treat 200 and 409 alike as "done".
 */
@Service
class ResultIngestion {

    private final ResultReader reader;
    private final JobRepository jobs;
    private final ResultRepository results;
    private final ProbeRepository probes;
    private final AgentsProperties properties;
    private final TenantTransactions tx;
    private final AuditEvents audit;
    private final ScanCompletion completion;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ResultIngestion(
            ResultReader reader,
            JobRepository jobs,
            ResultRepository results,
            ProbeRepository probes,
            AgentsProperties properties,
            TenantTransactions tx,
            AuditEvents audit,
            ScanCompletion completion,
            ApplicationEventPublisher events,
            Clock clock) {
        this.reader = reader;
        this.jobs = jobs;
        this.results = results;
        this.probes = probes;
        this.properties = properties;
        this.tx = tx;
        this.audit = audit;
        this.completion = completion;
        this.events = events;
        this.clock = clock;
    }

    ResultReceipt accept(AgentPrincipal agent, UUID jobId, byte[] raw, String contentType, String contentEncoding) {
        byte[] json = reader.decode(raw, contentType, contentEncoding);
        JobResult result = reader.parse(json, jobId, properties.knownModules());
        List<ResultRepository.Row> rows = serialise(result);
        String digest = AgentProtocol.digest(json);
        Instant now = clock.instant();
        return tx.write(TenantScope.of(agent.tenantId()), () -> {
            var job = jobs.lockForAgent(agent.tenantId(), agent.agentId(), jobId)
                    .orElseThrow(() -> ApiException.notFound("The job"));
            if (job.resultDigest() != null) {
                if (job.resultDigest().equals(digest)) {
                    return new ResultReceipt(jobId, job.status(), true);
                }
                throw ApiException.conflict("A different result for this job was already accepted.");
            }
            if (!job.open()) {
                throw ApiException.conflict("The job is " + job.status() + "; its result is no longer accepted.");
            }
            var uploaded = new HashSet<String>();
            result.results().forEach(r -> uploaded.add(r.module()));
            if (!uploaded.equals(new HashSet<>(job.modules()))) {
                throw ApiException.invalid(
                        "results", "must hold exactly one result for each of the job's modules " + job.modules());
            }
            boolean failed = result.results().stream().anyMatch(r -> r.status() == ModuleStatus.ERROR);
            String status = failed ? "failed" : "succeeded";
            results.insert(agent.tenantId(), jobId, job.scanId(), agent.agentId(), now, rows);
            // The answers are the job's agent's own: the job was locked for this agent above.
            probes.upsert(agent.tenantId(), agent.agentId(), job.scanId(), jobId, now, result.probeResults());
            jobs.finish(
                    agent.tenantId(),
                    jobId,
                    status,
                    now,
                    digest,
                    reader.mapper().writeValueAsString(result.log()));
            audit.changed(
                    agent.call(now),
                    AuditAction.SCAN_JOB_RESULT,
                    "agent_job",
                    jobId,
                    Map.of(
                            "status", status,
                            "scanId", job.scanId().toString(),
                            "modules", rows.size(),
                            "items",
                                    rows.stream()
                                            .mapToInt(ResultRepository.Row::itemCount)
                                            .sum(),
                            "risks",
                                    rows.stream()
                                            .mapToInt(ResultRepository.Row::riskCount)
                                            .sum(),
                            "probes", result.probeResults().size()));
            events.publishEvent(new ScanJobResultStored(
                    agent.tenantId(),
                    job.scanId(),
                    jobId,
                    agent.agentId(),
                    status,
                    rows.stream().map(ResultRepository.Row::module).toList(),
                    now));
            completion.jobsEnded(agent.tenantId(), List.of(job.scanId()));
            return new ResultReceipt(jobId, status, false);
        });
    }

    /** Each module as JSONB text, bounded per module (413 with the module's name when too large). */
    private List<ResultRepository.Row> serialise(JobResult result) {
        List<ResultRepository.Row> rows = new ArrayList<>(result.results().size());
        long limit = properties.maxModuleBytes();
        for (ModuleResult module : result.results()) {
            String items = reader.mapper().writeValueAsString(module.items());
            String risks = reader.mapper().writeValueAsString(module.risks());
            String messages = reader.mapper().writeValueAsString(module.messages());
            long size = (long) items.getBytes(StandardCharsets.UTF_8).length
                    + risks.getBytes(StandardCharsets.UTF_8).length
                    + messages.getBytes(StandardCharsets.UTF_8).length;
            if (items.contains("\\u0000") || risks.contains("\\u0000") || messages.contains("\\u0000")) {
                // PostgreSQL's jsonb cannot hold NUL characters; say so instead of failing on insert.
                throw ApiException.invalid("results", "module '" + module.module() + "' contains NUL characters");
            }
            if (size > limit) {
                throw new ApiException(
                        ProblemType.PAYLOAD_TOO_LARGE,
                        "The result of module '" + module.module() + "' is " + size + " bytes; the limit is " + limit
                                + " bytes per module.");
            }
            rows.add(new ResultRepository.Row(
                    module.module(),
                    module.moduleVersion(),
                    module.status().name().toLowerCase(Locale.ROOT),
                    module.items().size(),
                    module.risks().size(),
                    items,
                    risks,
                    messages,
                    module.execution() == null ? null : reader.mapper().writeValueAsString(module.execution()),
                    FactsCodec.encodeOrNull(module.items())));
        }
        return rows;
    }
}
