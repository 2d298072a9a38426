package io.tenantra.platform.audit;

import io.tenantra.platform.context.CallContext;
import io.tenantra.platform.context.Origin;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * How every module reports an auditable fact. Who acted, on which tenant, from where and when all
 * come from the {@link CallContext} the facade was given, so a record written by a job or a
 * listener is as complete as one written for a request; the action always comes from the
 * {@link AuditAction} catalogue.
 */
@Component
public class AuditEvents {

    private final ApplicationEventPublisher publisher;
    private final Clock clock;

    AuditEvents(ApplicationEventPublisher publisher, Clock clock) {
        this.publisher = publisher;
        this.clock = clock;
    }

    /**
     * Records a successful state change on the call's acting tenant; must run inside the change's
     * transaction, so the change and its record commit together or not at all.
     */
    public void changed(
            CallContext call, AuditAction action, String targetType, Object targetId, Map<String, Object> changes) {
        changed(call, call.tenantId(), action, targetType, targetId, changes);
    }

    /** As {@link #changed(CallContext, AuditAction, String, Object, Map)}, on another tenant's chain of the call's scope. */
    public void changed(
            CallContext call,
            UUID tenantId,
            AuditAction action,
            String targetType,
            Object targetId,
            Map<String, Object> changes) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            // A change without a transaction could commit without its record: refuse loudly.
            throw new IllegalStateException("audit event " + action + " published outside a transaction");
        }
        publish(
                tenantId,
                call.actor(),
                call.origin(),
                call.at(),
                action,
                targetType,
                targetId,
                changes,
                AuditEvent.Outcome.SUCCESS);
    }

    /** Records something that is not a committed change: a login, a denial, a failed attempt, a read. */
    public void happened(
            CallContext call,
            AuditAction action,
            String targetType,
            Object targetId,
            Map<String, Object> details,
            AuditEvent.Outcome outcome) {
        publish(
                call.tenantId(),
                call.actor(),
                call.origin(),
                call.at(),
                action,
                targetType,
                targetId,
                details,
                outcome);
    }

    /**
     * Records a fact about a caller not yet known to be anyone (a refused sign-in, a bad agent
     * signature): there is no call context before authentication, so the edge passes the actor as
     * claimed and the request's origin itself.
     */
    public void happenedBeforeAuthentication(
            UUID tenantId,
            Actor claimed,
            Origin origin,
            AuditAction action,
            String targetType,
            Object targetId,
            Map<String, Object> details,
            AuditEvent.Outcome outcome) {
        publish(tenantId, claimed, origin, clock.instant(), action, targetType, targetId, details, outcome);
    }

    private void publish(
            UUID tenantId,
            Actor actor,
            Origin origin,
            Instant at,
            AuditAction action,
            String targetType,
            Object targetId,
            Map<String, Object> changes,
            AuditEvent.Outcome outcome) {
        publisher.publishEvent(new AuditEvent(
                tenantId,
                actor,
                action.code(),
                targetType,
                targetId == null ? null : targetId.toString(),
                changes,
                outcome,
                at,
                origin));
    }
}
