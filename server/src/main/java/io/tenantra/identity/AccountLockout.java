package io.tenantra.identity;

import io.tenantra.platform.audit.Actor;
import io.tenantra.platform.audit.AuditAction;
import io.tenantra.platform.audit.AuditEvent;
import io.tenantra.platform.audit.AuditEvents;
import io.tenantra.platform.context.CallContext;
import io.tenantra.platform.context.Origin;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;

/**
 * Applies the {@link LockoutPolicy} to accounts (state on the user row, shared by every node) and
 * to names that match no account (state in a bounded in-memory map): both lock after the same
 * failures for the same time, so a lock says nothing about whether an account exists.
 */
@Component
class AccountLockout {

    private final LockoutPolicy policy = LockoutPolicy.standard();
    private final LoginRepository logins;
    private final AuditEvents audit;
    private final Clock clock;
    private final BoundedLru<LockoutPolicy.State> unknownNames;

    AccountLockout(LoginRepository logins, AuditEvents audit, LoginProperties properties, Clock clock) {
        this.logins = logins;
        this.audit = audit;
        this.clock = clock;
        this.unknownNames = new BoundedLru<>(properties.rateLimit().maxTrackedKeys());
    }

    Optional<Duration> remaining(LockoutPolicy.State state) {
        return policy.remainingLock(state, now());
    }

    /**
     * Counts one failed proof by a signed-in caller (re-authentication before a sensitive change)
     * and locks the account when the policy says so, auditing the lock as {@code auth.lockout} for
     * that caller. Runs inside the caller's transaction on the account's tenant, so the failure's
     * own audit record and the new state commit together.
     */
    LockoutPolicy.State recordFailure(CallContext call, UUID userId) {
        return count(
                call.tenantId(),
                userId,
                details -> audit.happened(
                        call, AuditAction.AUTH_LOCKOUT, "user", userId, details, AuditEvent.Outcome.DENIED));
    }

    /**
     * As {@link #recordFailure(CallContext, UUID)} for a sign-in attempt: nobody is authenticated
     * yet, so the lock is recorded for the name as claimed, from the attempt's origin.
     */
    LockoutPolicy.State recordFailure(UUID tenantId, UUID userId, Actor claimed, Origin origin) {
        return count(
                tenantId, userId, details -> auditLockBeforeAuthentication(tenantId, claimed, origin, userId, details));
    }

    /** Ends the failure streak; call after a successful sign-in, inside its transaction. */
    void reset(UUID tenantId, UUID userId, LockoutPolicy.State current) {
        if (!current.equals(LockoutPolicy.State.CLEAN)) {
            logins.saveLockState(tenantId, userId, LockoutPolicy.State.CLEAN);
        }
    }

    Optional<Duration> remainingForUnknown(String name) {
        LockoutPolicy.State state = unknownNames.get(LoginRateLimiter.normalise(name));
        return state == null ? Optional.empty() : remaining(state);
    }

    /** Counts a failure against a name that matches no account; audited on {@code trailTenant}. */
    void recordUnknownFailure(String name, UUID trailTenant, Actor claimed, Origin origin) {
        String key = LoginRateLimiter.normalise(name);
        LockoutPolicy.State before;
        LockoutPolicy.State after;
        synchronized (unknownNames) {
            before = Optional.ofNullable(unknownNames.get(key)).orElse(LockoutPolicy.State.CLEAN);
            after = policy.afterFailure(before, now());
            unknownNames.put(key, after);
        }
        if (trailTenant != null && LockoutPolicy.locks(before, after)) {
            auditLockBeforeAuthentication(trailTenant, claimed, origin, null, lockDetails(after));
        }
    }

    // Who the lock is recorded for differs by caller; when it locks and what is recorded do not.
    private LockoutPolicy.State count(UUID tenantId, UUID userId, Consumer<Map<String, Object>> auditLock) {
        LockoutPolicy.State before = logins.lockStateForUpdate(tenantId, userId).orElse(LockoutPolicy.State.CLEAN);
        LockoutPolicy.State after = policy.afterFailure(before, now());
        logins.saveLockState(tenantId, userId, after);
        if (LockoutPolicy.locks(before, after)) {
            auditLock.accept(lockDetails(after));
        }
        return after;
    }

    private void auditLockBeforeAuthentication(
            UUID tenantId, Actor claimed, Origin origin, UUID userId, Map<String, Object> details) {
        audit.happenedBeforeAuthentication(
                tenantId,
                claimed,
                origin,
                AuditAction.AUTH_LOCKOUT,
                "user",
                userId,
                details,
                AuditEvent.Outcome.DENIED);
    }

    private Map<String, Object> lockDetails(LockoutPolicy.State state) {
        return Map.of(
                "failures", state.failures(),
                "lockedUntil", state.lockedUntil().toString(),
                "lockedSeconds", Duration.between(now(), state.lockedUntil()).toSeconds());
    }

    // The database keeps microseconds and rounds to them; a lock computed from nanoseconds would
    // read back a hair later and turn a 60 s wait into "Retry-After: 61".
    private Instant now() {
        return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }
}
