package io.tenantra.platform.context;

import io.tenantra.platform.audit.Actor;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Everything a facade needs to know about the call it serves, resolved once at the edge (access
 * token, API key, agent signature) or built by a job for its named system actor, and passed as an
 * argument — never looked up from a thread-local, so a call made from a listener, a job or another
 * thread carries exactly the same facts as one made from a request.
 *
 * <p>Facades open their transactions with {@link #scope()}, write audit records for
 * {@link #actor()} on {@link #tenantId()}'s chain with {@link #origin()}, and stamp every row the
 * call writes with {@link #at()}, so one call has one time.
 *
 * @param scope the tenants whose rows this call may see: the value row-level security enforces
 * @param tenantId the acting tenant: the tenant the call acts on and whose audit chain records it;
 *     always inside {@code scope}
 * @param actor who acts: a user (with the impersonator, if any), an API key, an agent, or a named
 *     system job
 * @param userId the user account the call acts for (an API key acts for the user who created it);
 *     null for agents and jobs. Rows that remember "created by" keep this id.
 * @param origin the request id, client address and user agent; {@link Origin#NONE} for jobs
 * @param at when the call started, from the injected {@link Clock}
 */
public record CallContext(TenantScope scope, UUID tenantId, Actor actor, UUID userId, Origin origin, Instant at) {

    public CallContext {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(at, "at");
        origin = origin == null ? Origin.NONE : origin;
        if (!scope.contains(tenantId)) {
            // Fail closed: a call may never act on a tenant it cannot see.
            throw new IllegalArgumentException("the acting tenant " + tenantId + " is outside the call's scope");
        }
    }

    /** A call made by a named background job on one tenant, e.g. {@code system("offline-detector", t, clock)}. */
    public static CallContext system(String job, UUID tenantId, Clock clock) {
        return new CallContext(
                TenantScope.of(tenantId), tenantId, Actor.system(job), null, Origin.NONE, clock.instant());
    }

    /** A named background job acting on {@code tenantId} inside a batch that spans {@code scope}. */
    public static CallContext system(String job, TenantScope scope, UUID tenantId, Instant at) {
        return new CallContext(scope, tenantId, Actor.system(job), null, Origin.NONE, at);
    }

    /**
     * The same caller, origin and time acting on {@code otherTenant} alone: a per-tenant step of a
     * sweep, or the record of a refusal on the tenant that refused. Whoever calls this has already
     * decided the caller may act there; row-level security still holds the new scope to it.
     */
    public CallContext onTenant(UUID otherTenant) {
        return new CallContext(TenantScope.of(otherTenant), otherTenant, actor, userId, origin, at);
    }

    /** The person behind an impersonation, or null when the actor acts as themselves. */
    public Actor impersonator() {
        return actor.isImpersonated() ? Actor.user(actor.impersonatorId(), actor.impersonatorName()) : null;
    }
}
