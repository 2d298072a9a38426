package io.tenantra.compliance.exceptions;

import io.tenantra.database.TenantTransactions;
import io.tenantra.platform.context.CallContext;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * {@link ExceptionLookup} over the stored exceptions: those approved, not revoked and not expired
 * at the call's time, read in the call's own tenant scope (row-level security holds it there).
 */
@Component
class StoredExceptionLookup implements ExceptionLookup {

    private final ExceptionRepository exceptions;
    private final TenantTransactions tx;

    StoredExceptionLookup(ExceptionRepository exceptions, TenantTransactions tx) {
        this.exceptions = exceptions;
        this.tx = tx;
    }

    @Override
    public ExceptionSet activeFor(CallContext call, UUID tenantId) {
        if (!call.scope().contains(tenantId)) {
            // Fail closed: a caller never learns another tenant's exceptions.
            return ExceptionSet.NONE;
        }
        return new ExceptionSet(tx.read(call.scope(), () -> exceptions.active(tenantId, call.at())).stream()
                .map(ExceptionRepository.ExceptionRow::active)
                .toList());
    }
}
