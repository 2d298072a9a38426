package io.tenantra.platform.audit;

import io.tenantra.platform.web.RequestIdFilter;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * How every module reports an auditable fact. Call it inside the transaction that makes the
 * change; the request's id, address and user agent are added here so callers cannot forget them.
 */
@Component
public class AuditEvents {

    private final ApplicationEventPublisher publisher;
    private final Clock clock;

    AuditEvents(ApplicationEventPublisher publisher, Clock clock) {
        this.publisher = publisher;
        this.clock = clock;
    }

    /** Records a successful state change; must run inside the change's transaction. */
    public void changed(
            UUID tenantId,
            Actor actor,
            String action,
            String targetType,
            Object targetId,
            Map<String, Object> changes) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            // A change without a transaction could commit without its record: refuse loudly.
            throw new IllegalStateException("audit event " + action + " published outside a transaction");
        }
        publish(tenantId, actor, action, targetType, targetId, changes, AuditEvent.Outcome.SUCCESS);
    }

    /** Records something that is not a committed change: a login, a denial, a failed attempt, a read. */
    public void happened(
            UUID tenantId,
            Actor actor,
            String action,
            String targetType,
            Object targetId,
            Map<String, Object> details,
            AuditEvent.Outcome outcome) {
        publish(tenantId, actor, action, targetType, targetId, details, outcome);
    }

    private void publish(
            UUID tenantId,
            Actor actor,
            String action,
            String targetType,
            Object targetId,
            Map<String, Object> changes,
            AuditEvent.Outcome outcome) {
        publisher.publishEvent(new AuditEvent(
                tenantId,
                actor,
                action,
                targetType,
                targetId == null ? null : targetId.toString(),
                changes,
                outcome,
                clock.instant(),
                currentRequest()));
    }

    private static AuditEvent.RequestInfo currentRequest() {
        if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
            return AuditEvent.RequestInfo.NONE;
        }
        HttpServletRequest request = attributes.getRequest();
        Object id = request.getAttribute(RequestIdFilter.ATTRIBUTE);
        String agent = request.getHeader("User-Agent");
        return new AuditEvent.RequestInfo(
                id == null ? null : id.toString(),
                request.getRemoteAddr(),
                agent == null || agent.length() <= 512 ? agent : agent.substring(0, 512));
    }
}
