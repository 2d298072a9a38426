package io.tenantra.audit;

import io.tenantra.database.TenantTransactions;
import io.tenantra.platform.context.TenantScope;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Test-only: reads what the audit module stored, through the application's own (RLS-bound) pool. */
@Component
class StoredEvents {

    private final JdbcClient jdbc;
    private final TenantTransactions tx;

    StoredEvents(JdbcClient jdbc, TenantTransactions tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    /** Every event of the tenant's chain, by seq. */
    List<ChainEvent> of(UUID tenantId) {
        return tx.read(
                TenantScope.of(tenantId),
                () -> jdbc.sql("SELECT " + ChainRows.EVENT_COLUMNS
                                + " FROM audit_event WHERE tenant_id = ? ORDER BY seq")
                        .param(tenantId)
                        .query((rs, i) -> ChainRows.event(rs))
                        .list());
    }

    List<ChainEvent> of(UUID tenantId, String action) {
        return of(tenantId).stream().filter(e -> e.action().equals(action)).toList();
    }
}
