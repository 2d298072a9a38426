package io.tenantra.agents;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Reacts to the agents module's durable events the way another module would: after commit, on
 * its own thread and transaction, through the event publication registry. Records what arrived
 * so tests can wait for the reaction. Tests share a server, so they look only for their own ids.
 * (The bean is a proxy: tests go through its methods, never its fields.)
 */
@Component
class AgentEventLog {

    private final List<Object> received = new CopyOnWriteArrayList<>();

    @ApplicationModuleListener
    void on(ScanJobResultStored event) {
        received.add(event);
    }

    @ApplicationModuleListener
    void on(ScanFinished event) {
        received.add(event);
    }

    @ApplicationModuleListener
    void on(AgentWentOffline event) {
        received.add(event);
    }

    @ApplicationModuleListener
    void on(AgentCameBack event) {
        received.add(event);
    }

    <T> List<T> of(Class<T> type) {
        return received.stream().filter(type::isInstance).map(type::cast).toList();
    }

    List<ScanFinished> finished(UUID scanId) {
        return of(ScanFinished.class).stream()
                .filter(e -> e.scanId().equals(scanId))
                .toList();
    }

    List<ScanJobResultStored> stored(UUID jobId) {
        return of(ScanJobResultStored.class).stream()
                .filter(e -> e.jobId().equals(jobId))
                .toList();
    }

    List<AgentWentOffline> wentOffline(UUID agentId) {
        return of(AgentWentOffline.class).stream()
                .filter(e -> e.agentId().equals(agentId))
                .toList();
    }

    List<AgentCameBack> cameBack(UUID agentId) {
        return of(AgentCameBack.class).stream()
                .filter(e -> e.agentId().equals(agentId))
                .toList();
    }
}
