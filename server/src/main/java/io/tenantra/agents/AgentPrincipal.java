package io.tenantra.agents;

import io.tenantra.platform.audit.Actor;
import java.util.UUID;

/** An enrolled agent that proved its identity on this request; controllers take it as principal. */
record AgentPrincipal(UUID agentId, UUID tenantId, String name) {

    Actor actor() {
        return new Actor(Actor.Kind.AGENT, agentId, name, null, null);
    }
}
