package io.tenantra.audit;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A stored audit event as the API and the console show it.
 *
 * @param seq its position in the tenant's chain (1, 2, 3, ...)
 * @param changes the redacted summary of what changed
 * @param prevHash the hash of the event before it (64 zeros for the first)
 * @param hash SHA-256 over {@code prevHash} and the event's canonical form
 */
public record AuditRecord(
        UUID id,
        UUID tenantId,
        long seq,
        Instant occurredAt,
        ActorInfo actor,
        String action,
        String targetType,
        String targetId,
        Map<String, Object> changes,
        String outcome,
        String ip,
        String userAgent,
        String requestId,
        String prevHash,
        String hash) {

    /** Who acted: {@code kind} is USER, API_KEY, AGENT, SYSTEM or ANONYMOUS. */
    public record ActorInfo(String kind, UUID id, String name, UUID impersonatorId, String impersonatorName) {}

    @SuppressWarnings("unchecked")
    static AuditRecord of(ChainEvent e) {
        Object changes = CanonicalJson.parse(e.changes());
        return new AuditRecord(
                e.id(),
                e.tenantId(),
                e.seq(),
                e.occurredAt(),
                new ActorInfo(e.actorKind(), e.actorId(), e.actorName(), e.impersonatorId(), e.impersonatorName()),
                e.action(),
                e.targetType(),
                e.targetId(),
                changes instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of("value", changes),
                e.outcome(),
                e.ip(),
                e.userAgent(),
                e.requestId(),
                e.prevHash(),
                e.hash());
    }
}
