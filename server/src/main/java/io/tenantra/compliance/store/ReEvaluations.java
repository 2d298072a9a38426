package io.tenantra.compliance.store;

import io.tenantra.agents.LatestFacts;
import io.tenantra.compliance.exceptions.ExceptionLookup;
import io.tenantra.database.TenantTransactions;
import io.tenantra.platform.audit.AuditAction;
import io.tenantra.platform.audit.AuditEvent;
import io.tenantra.platform.audit.AuditEvents;
import io.tenantra.platform.context.CallContext;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Re-evaluates every asset of a tenant from stored facts after its content, enablement or
 * exceptions changed: no new scan is needed, because fact rules judge stored items and probe
 * rules stored answers. A run is a row (its progress readable through the API) and a durable
 * event published in the transaction of the change that caused it; the event is delivered after
 * commit (again after a crash), and the run works in batches, each committed on its own, so
 * progress shows while it runs.
 */
@Service
public class ReEvaluations {

    private static final Logger log = LoggerFactory.getLogger(ReEvaluations.class);

    /** The durable request to run {@code evaluationId}. */
    public record Requested(UUID tenantId, UUID evaluationId) {}

    private final EvaluationRows runs;
    private final LatestFacts facts;
    private final ComplianceEvaluator evaluator;
    private final ComplianceEnablement enablement;
    private final ContentCatalog catalog;
    private final ExceptionLookup exceptions;
    private final TenantTransactions tx;
    private final AuditEvents audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ReEvaluations(
            EvaluationRows runs,
            LatestFacts facts,
            ComplianceEvaluator evaluator,
            ComplianceEnablement enablement,
            ContentCatalog catalog,
            ExceptionLookup exceptions,
            TenantTransactions tx,
            AuditEvents audit,
            ApplicationEventPublisher events,
            Clock clock) {
        this.runs = runs;
        this.facts = facts;
        this.evaluator = evaluator;
        this.enablement = enablement;
        this.catalog = catalog;
        this.exceptions = exceptions;
        this.tx = tx;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Queues a run for the call's tenant, in the caller's transaction when there is one (so the
     * change and its re-evaluation commit together), audited.
     */
    public EvaluationRun request(CallContext call, String reason) {
        UUID id = UUID.randomUUID();
        return tx.write(call.scope(), () -> {
            runs.insert(call.tenantId(), id, reason, call.at(), call.userId());
            audit.changed(
                    call,
                    AuditAction.COMPLIANCE_EVALUATION_START,
                    "compliance_evaluation",
                    id,
                    Map.of("reason", reason));
            events.publishEvent(new Requested(call.tenantId(), id));
            return runs.find(call.tenantId(), id).orElseThrow();
        });
    }

    public Optional<EvaluationRun> find(io.tenantra.platform.context.TenantScope scope, UUID tenantId, UUID id) {
        return tx.read(scope, () -> runs.find(tenantId, id));
    }

    /** Runs a queued re-evaluation; not @ApplicationModuleListener: each batch commits by itself. */
    @Async
    @TransactionalEventListener
    void run(Requested requested) {
        UUID tenantId = requested.tenantId();
        CallContext call = CallContext.system(ComplianceEvaluator.ACTOR, tenantId, clock);
        List<UUID> assets = facts.assets(call.scope(), tenantId).stream()
                .map(LatestFacts.Asset::id)
                .toList();
        boolean started =
                tx.write(call.scope(), () -> runs.start(tenantId, requested.evaluationId(), assets.size(), call.at()));
        if (!started) {
            return; // finished before: a re-delivered event
        }
        try {
            ContentCatalog.TenantContent content =
                    catalog.forTenant(call.scope(), tenantId, enablement.effective(tenantId));
            evaluator.evaluate(
                    call,
                    assets,
                    Map.of(),
                    content,
                    exceptions.activeFor(call, tenantId),
                    done -> tx.write(call.scope(), () -> {
                        runs.progress(tenantId, requested.evaluationId(), done);
                        return null;
                    }));
            finish(call, requested.evaluationId(), "completed", null, AuditEvent.Outcome.SUCCESS);
        } catch (RuntimeException e) {
            log.error("compliance re-evaluation {} of tenant {} failed", requested.evaluationId(), tenantId, e);
            finish(
                    call,
                    requested.evaluationId(),
                    "failed",
                    "the re-evaluation failed; see the server log",
                    AuditEvent.Outcome.FAILURE);
        }
    }

    private void finish(CallContext call, UUID id, String state, String message, AuditEvent.Outcome outcome) {
        tx.write(call.scope(), () -> {
            runs.finish(call.tenantId(), id, state, message, clock.instant());
            audit.happened(
                    call,
                    AuditAction.COMPLIANCE_EVALUATION_FINISH,
                    "compliance_evaluation",
                    id,
                    Map.of("state", state),
                    outcome);
            return null;
        });
    }
}
