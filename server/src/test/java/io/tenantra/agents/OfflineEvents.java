package io.tenantra.agents;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Collects {@link AgentWentOffline} events the way any other module would receive them. */
@Component
class OfflineEvents {

    final List<AgentWentOffline> seen = new CopyOnWriteArrayList<>();

    @EventListener
    void on(AgentWentOffline event) {
        seen.add(event);
    }
}
