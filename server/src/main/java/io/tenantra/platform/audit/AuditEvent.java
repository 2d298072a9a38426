package io.tenantra.platform.audit;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One audited fact: a state change, a login, a denial, an export. Published synchronously inside
 * the transaction of the change it describes, so the audit module can store it in that same
 * transaction: no change without its record, no record without its change.
 *
 * @param tenantId the tenant whose trail the event belongs to
 * @param action dotted verb, e.g. {@code tenant.create}, {@code user.deactivate}, {@code auth.login}
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
        RequestInfo request) {

    public enum Outcome {
        SUCCESS,
        FAILURE,
        DENIED
    }

    public AuditEvent {
        changes = changes == null ? Map.of() : Map.copyOf(changes);
        request = request == null ? RequestInfo.NONE : request;
    }

    /** Where the action came from; {@link #NONE} for jobs and start-up work. */
    public record RequestInfo(String requestId, String ip, String userAgent) {
        public static final RequestInfo NONE = new RequestInfo(null, null, null);
    }
}
