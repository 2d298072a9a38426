package io.tenantra.platform.audit;

import io.tenantra.platform.context.Origin;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One audited fact: a state change, a login, a denial, an export. Published synchronously inside
 * the transaction of the change it describes, so the audit module can store it in that same
 * transaction: no change without its record, no record without its change.
 *
 * @param tenantId the tenant whose trail the event belongs to
 * @param action the {@link AuditAction#code() code} of an action from the catalogue, e.g. {@code tenant.create}
 * @param changes a summary of what changed; secrets must already be redacted by the publisher
 */
public record AuditEvent(
        UUID tenantId,
        Actor actor,
        String action,
        String targetType,
        String targetId,
        Map<String, Object> changes,
        Outcome outcome,
        Instant at,
        Origin request) {

    public enum Outcome {
        SUCCESS,
        FAILURE,
        DENIED
    }

    public AuditEvent {
        changes = changes == null ? Map.of() : Map.copyOf(changes);
        request = request == null ? Origin.NONE : request;
    }
}
