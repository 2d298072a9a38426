package io.tenantra.agents;

import io.tenantra.platform.audit.Actor;
import io.tenantra.platform.context.CallContext;
import io.tenantra.platform.context.Origin;
import io.tenantra.platform.context.TenantScope;
import java.time.Instant;
import java.util.UUID;

/**
 * An enrolled agent that proved its identity on this request; controllers take it as principal.
 * It carries the request's origin so that the agent's {@link #call call context} is built here,
 * at the edge, like a user's.
 */
record AgentPrincipal(UUID agentId, UUID tenantId, String name, Origin origin) {

    Actor actor() {
        return new Actor(Actor.Kind.AGENT, agentId, name, null, null);
    }

    /** The agent acting on its own tenant, and nothing else, at {@code at}. */
    CallContext call(Instant at) {
        return new CallContext(TenantScope.of(tenantId), tenantId, actor(), null, origin, at);
    }
}
