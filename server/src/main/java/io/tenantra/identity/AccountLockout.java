package io.tenantra.identity;

import io.tenantra.platform.audit.Actor;
import io.tenantra.platform.audit.AuditEvent;
import io.tenantra.platform.audit.AuditEvents;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
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
     * Counts one failure against the account and locks it when the policy says so, auditing the
     * lock as {@code auth.lockout}. Runs inside the caller's transaction on the account's tenant,
     * so the failure's own audit record and the new state commit together.
     */
    LockoutPolicy.State recordFailure(UUID tenantId, UUID userId, Actor actor) {
        LockoutPolicy.State before = logins.lockStateForUpdate(tenantId, userId).orElse(LockoutPolicy.State.CLEAN);
        LockoutPolicy.State after = policy.afterFailure(before, now());
        logins.saveLockState(tenantId, userId, after);
        if (LockoutPolicy.locks(before, after)) {
            auditLock(tenantId, actor, userId, after);
        }
        return after;
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
    void recordUnknownFailure(String name, UUID trailTenant, Actor actor) {
        String key = LoginRateLimiter.normalise(name);
        LockoutPolicy.State before;
        LockoutPolicy.State after;
        synchronized (unknownNames) {
            before = Optional.ofNullable(unknownNames.get(key)).orElse(LockoutPolicy.State.CLEAN);
            after = policy.afterFailure(before, now());
            unknownNames.put(key, after);
        }
        if (trailTenant != null && LockoutPolicy.locks(before, after)) {
            auditLock(trailTenant, actor, null, after);
        }
    }

    private void auditLock(UUID tenantId, Actor actor, UUID userId, LockoutPolicy.State state) {
        audit.happened(
                tenantId,
                actor,
                "auth.lockout",
                "user",
                userId,
                Map.of(
                        "failures", state.failures(),
                        "lockedUntil", state.lockedUntil().toString(),
                        "lockedSeconds",
                                Duration.between(now(), state.lockedUntil()).toSeconds()),
                AuditEvent.Outcome.DENIED);
    }

    // The database keeps microseconds and rounds to them; a lock computed from nanoseconds would
    // read back a hair later and turn a 60 s wait into "Retry-After: 61".
    private Instant now() {
        return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }
}
