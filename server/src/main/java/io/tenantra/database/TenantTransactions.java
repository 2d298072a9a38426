package io.tenantra.database;

import io.tenantra.platform.context.TenantScope;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The way modules open a transaction that can see tenant rows. The tenant scope is an explicit
 * argument, set as a transaction-local PostgreSQL setting that row-level security reads. Work
 * done outside such a transaction sees no tenant rows at all, so forgetting the scope fails
 * closed instead of leaking.
 *
 * <p>Nested calls restore the outer scope when they return, so a helper that narrows the scope
 * cannot widen or shrink what its caller sees afterwards.
 */
@Component
public class TenantTransactions {

    private final TransactionTemplate readWrite;
    private final TransactionTemplate readOnly;
    private final JdbcClient jdbc;

    TenantTransactions(PlatformTransactionManager transactions, JdbcClient jdbc) {
        this.readWrite = new TransactionTemplate(transactions);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.readOnly.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRED);
        this.jdbc = jdbc;
    }

    /** Runs {@code work} in a read-write transaction that sees exactly {@code scope}. */
    public <T> T write(TenantScope scope, Supplier<T> work) {
        return readWrite.execute(status -> withScope(scope, work));
    }

    /** Runs {@code work} in a read-only transaction that sees exactly {@code scope}. */
    public <T> T read(TenantScope scope, Supplier<T> work) {
        return readOnly.execute(status -> withScope(scope, work));
    }

    private <T> T withScope(TenantScope scope, Supplier<T> work) {
        ScopeInEffect inEffect = ScopeInEffect.ofCurrentTransaction();
        TenantScope previous = inEffect.scope();
        set(inEffect, scope);
        T result = work.get();
        // On failure the transaction rolls back and the setting dies with it.
        if (previous != null) {
            set(inEffect, previous);
        }
        return result;
    }

    private void set(ScopeInEffect inEffect, TenantScope scope) {
        jdbc.sql("SELECT set_config('app.tenant_ids', ?, true)")
                .param(scope.asArrayLiteral())
                .query(String.class)
                .single();
        inEffect.set(scope);
    }
}
