package io.tenantra.compliance.store;

import io.tenantra.agents.ScanJobResultStored;
import io.tenantra.compliance.exceptions.ExceptionLookup;
import io.tenantra.compliance.exceptions.ExceptionsChanged;
import io.tenantra.database.TenantTransactions;
import io.tenantra.platform.context.CallContext;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Judges an asset when a scan job's result was stored, and re-scores a tenant when its
 * exceptions changed. Idempotent: a re-delivered event for the job already evaluated changes
 * nothing, and an evaluation always reads the newest stored facts, so events arriving late or
 * out of order still leave the newest verdicts behind.
 */
@Component
class ScanResultListener {

    private final ComplianceEvaluator evaluator;
    private final ComplianceEnablement enablement;
    private final ContentCatalog catalog;
    private final ExceptionLookup exceptions;
    private final ResultRows results;
    private final ReEvaluations reEvaluations;
    private final TenantTransactions tx;
    private final Clock clock;

    ScanResultListener(
            ComplianceEvaluator evaluator,
            ComplianceEnablement enablement,
            ContentCatalog catalog,
            ExceptionLookup exceptions,
            ResultRows results,
            ReEvaluations reEvaluations,
            TenantTransactions tx,
            Clock clock) {
        this.evaluator = evaluator;
        this.enablement = enablement;
        this.catalog = catalog;
        this.exceptions = exceptions;
        this.results = results;
        this.reEvaluations = reEvaluations;
        this.tx = tx;
        this.clock = clock;
    }

    @ApplicationModuleListener
    void on(ScanJobResultStored event) {
        CallContext call = CallContext.system(ComplianceEvaluator.ACTOR, event.tenantId(), clock);
        Optional<UUID> last = tx.read(call.scope(), () -> results.lastJob(event.tenantId(), event.agentId()));
        if (last.isPresent() && last.get().equals(event.jobId())) {
            return; // this job's result was judged already
        }
        ContentCatalog.TenantContent content =
                catalog.forTenant(call.scope(), event.tenantId(), enablement.effective(event.tenantId()));
        evaluator.evaluate(
                call,
                List.of(event.agentId()),
                Map.of(event.agentId(), event.jobId()),
                content,
                exceptions.activeFor(call, event.tenantId()),
                done -> {});
    }

    @ApplicationModuleListener
    void on(ExceptionsChanged event) {
        CallContext call = CallContext.system(ComplianceEvaluator.ACTOR, event.tenantId(), clock);
        reEvaluations.request(call, "exceptions changed");
    }
}
