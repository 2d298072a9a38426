package io.tenantra.compliance.exceptions;

import io.tenantra.database.TenantTransactions;
import io.tenantra.platform.audit.AuditAction;
import io.tenantra.platform.audit.AuditEvents;
import io.tenantra.platform.context.CallContext;
import io.tenantra.platform.context.TenantScope;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Announces approved exceptions whose expiry passed: an expired exception already stops counting
 * the moment it expires (its state is derived from the clock), but scores stored before that
 * moment still include it, so each tenant with newly expired exceptions gets one audit record per
 * exception and one {@link ExceptionsChanged}, and the store re-scores. Candidates come from one
 * cross-tenant function; each tenant is then marked in its own transaction, re-checking the
 * condition, so several nodes running this at once announce each expiry once.
 */
@Component
class ExceptionExpiry {

    /** The system actor that announces expiries. */
    static final String JOB = "exception-expiry";

    private static final int BATCH = 1000;

    private final JdbcClient jdbc;
    private final ExceptionRepository exceptions;
    private final TenantTransactions tx;
    private final AuditEvents audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ExceptionExpiry(
            JdbcClient jdbc,
            ExceptionRepository exceptions,
            TenantTransactions tx,
            AuditEvents audit,
            ApplicationEventPublisher events,
            Clock clock) {
        this.jdbc = jdbc;
        this.exceptions = exceptions;
        this.tx = tx;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    @Scheduled(
            initialDelayString = "${tenantra.compliance.exceptions.expiry-check-interval:1m}",
            fixedDelayString = "${tenantra.compliance.exceptions.expiry-check-interval:1m}")
    void sweep() {
        announce(clock.instant());
    }

    /** Announces what expired by {@code now}; returns how many exceptions were announced. */
    int announce(Instant now) {
        Map<UUID, List<UUID>> byTenant = new LinkedHashMap<>();
        jdbc.sql("SELECT id, tenant_id FROM compliance_exceptions_expired(?, ?)")
                .params(Timestamp.from(now), BATCH)
                .query(rs -> {
                    byTenant.computeIfAbsent(rs.getObject(2, UUID.class), t -> new ArrayList<>())
                            .add(rs.getObject(1, UUID.class));
                });
        int announced = 0;
        for (Map.Entry<UUID, List<UUID>> tenant : byTenant.entrySet()) {
            announced += announce(tenant.getKey(), tenant.getValue(), now);
        }
        return announced;
    }

    private int announce(UUID tenantId, List<UUID> ids, Instant now) {
        CallContext call = CallContext.system(JOB, TenantScope.of(tenantId), tenantId, now);
        return tx.write(call.scope(), () -> {
            var expired = exceptions.announceExpired(tenantId, ids, now);
            for (var row : expired) {
                exceptions.history(tenantId, row.id(), "expired", now, JOB, null, "");
                audit.changed(
                        call,
                        AuditAction.COMPLIANCE_EXCEPTION_EXPIRED,
                        "compliance_exception",
                        row.id(),
                        Map.of("checkId", row.checkId(), "expiresAt", row.expiresAt(), "state", "expired"));
            }
            if (!expired.isEmpty()) {
                events.publishEvent(new ExceptionsChanged(tenantId));
            }
            return expired.size();
        });
    }
}
