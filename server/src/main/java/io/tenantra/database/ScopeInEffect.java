package io.tenantra.database;

import io.tenantra.platform.context.TenantScope;
import java.util.Collection;
import java.util.UUID;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The tenant scope the current transaction has set in PostgreSQL ({@code app.tenant_ids}), kept
 * on the Java side so that nobody has to ask the database: a nested scope restores the outer one
 * without a query, and a commit whose final statements stay inside the scope need not set it
 * again. Attached to the transaction as a {@link TransactionSynchronization}, so Spring suspends
 * it with its transaction and drops it when the transaction completes, exactly like the setting,
 * which is transaction-local.
 */
final class ScopeInEffect implements TransactionSynchronization {

    private TenantScope scope;

    private ScopeInEffect() {}

    /** The current transaction's record, registered on first use; requires an active transaction. */
    static ScopeInEffect ofCurrentTransaction() {
        ScopeInEffect found = find();
        if (found == null) {
            found = new ScopeInEffect();
            TransactionSynchronizationManager.registerSynchronization(found);
        }
        return found;
    }

    /** Whether the current transaction has set a scope that includes all of {@code tenantIds}. */
    static boolean covers(Collection<UUID> tenantIds) {
        ScopeInEffect found = find();
        return found != null && found.scope != null && found.scope.tenantIds().containsAll(tenantIds);
    }

    /** The scope set, or null when this transaction has set none (it then sees no tenant rows). */
    TenantScope scope() {
        return scope;
    }

    void set(TenantScope newScope) {
        scope = newScope;
    }

    private static ScopeInEffect find() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return null;
        }
        for (TransactionSynchronization synchronization : TransactionSynchronizationManager.getSynchronizations()) {
            if (synchronization instanceof ScopeInEffect inEffect) {
                return inEffect;
            }
        }
        return null;
    }
}
