package io.tenantra.tenancy;

import io.tenantra.platform.web.ApiException;
import io.tenantra.platform.web.ProblemType;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/** What the tenant write use cases share: turning rule violations into a 422, sizing patches, cache upkeep. */
final class TenantWrites {

    private TenantWrites() {}

    /**
     * Now, at the precision PostgreSQL keeps, so a tenant returned from a write equals the same
     * tenant read back later.
     */
    static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    static void rejectIfAny(Violations violations) {
        if (!violations.isEmpty()) {
            throw new ApiException(
                    ProblemType.VALIDATION_FAILED,
                    violations.detail(),
                    violations.list().stream()
                            .map(v -> new ApiException.FieldError(v.field(), v.message()))
                            .toList());
        }
    }

    /** The size of a settings patch as JSON (what the 16 KB limit is about). */
    static int jsonBytes(JsonMapper json, Map<String, ?> patch) {
        return patch == null ? 0 : json.writeValueAsBytes(patch).length;
    }

    /**
     * Forgets the cached tree once the change is committed. Not earlier: a request on another
     * thread could reload the old tree before the commit and keep it for its whole lifetime.
     */
    static void invalidateAfterCommit(TenantHierarchy hierarchy) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    hierarchy.invalidate();
                }
            });
        } else {
            hierarchy.invalidate();
        }
    }
}
