package io.tenantra.audit;

import io.tenantra.platform.audit.AuditEvent;
import java.time.Clock;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records every {@link AuditEvent} in the publisher's own transaction: the event is queued on the
 * transaction and appended to its tenant's chain when the transaction commits, in the COMMIT's
 * round trip (see {@link PendingAuditEvents}). If the change rolls back, its event is never
 * stored; if storing the event fails, the change rolls back with it. Events published outside any
 * transaction (failed logins, denials) get a transaction of their own here, so they are stored too.
 */
@Component
class AuditRecorder {

    private static final Logger log = LoggerFactory.getLogger(AuditRecorder.class);

    private final PendingAuditEvents pending;
    private final TransactionTemplate own;
    private final TransactionTemplate separate;
    private final JdbcClient jdbc;
    private final EventNormaliser normaliser;
    private final Clock clock;
    private final boolean recording;
    private volatile UUID rootTenant;

    AuditRecorder(
            PendingAuditEvents pending,
            PlatformTransactionManager transactions,
            JdbcClient jdbc,
            JsonMapper json,
            AuditProperties properties,
            Clock clock) {
        this.pending = pending;
        this.own = new TransactionTemplate(transactions);
        this.separate = new TransactionTemplate(transactions);
        this.separate.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.jdbc = jdbc;
        this.normaliser = new EventNormaliser(json);
        this.clock = clock;
        this.recording = properties.recordingEnabled();
        if (!recording) {
            String rule = "!".repeat(78);
            log.warn(
                    "\n{}\n!!  AUDIT RECORDING IS OFF (tenantra.audit.recording=false).\n"
                            + "!!  No audit event is stored. This setting exists only to benchmark what\n"
                            + "!!  recording costs. Never run a real deployment like this.\n{}",
                    rule,
                    rule);
        }
    }

    @EventListener
    void record(AuditEvent event) {
        if (!recording) {
            return;
        }
        UUID tenantId = event.tenantId() != null ? event.tenantId() : rootTenant();
        ChainEvent normalised = normaliser.normalise(event, tenantId, clock.instant());
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            own.executeWithoutResult(status -> pending.add(normalised));
        } else if (TransactionSynchronizationManager.isCurrentTransactionReadOnly()) {
            // A read (say, of sensitive data) audited from inside a read-only transaction: that
            // transaction cannot write, so the event gets a short transaction of its own.
            separate.executeWithoutResult(status -> pending.add(normalised));
        } else {
            pending.add(normalised);
        }
    }

    /** Events about no particular tenant (an unknown user's failed login) go to the operator's trail. */
    private UUID rootTenant() {
        UUID root = rootTenant;
        if (root == null) {
            root = jdbc.sql("SELECT root_tenant_id()")
                    .query(UUID.class)
                    .optional()
                    .orElseThrow(() -> new IllegalStateException("an audit event without a tenant before bootstrap"));
            rootTenant = root;
        }
        return root;
    }
}
