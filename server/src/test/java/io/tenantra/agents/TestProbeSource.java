package io.tenantra.agents;

import io.tenantra.model.Probe;
import io.tenantra.platform.context.CallContext;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * A {@link ProbeSource} for tests (src/test only, picked up by component scanning): it offers
 * probes only to the agents a test registered, so every other test's jobs stay probe-free.
 * Records which tenant each call acted on, so tests can check the call context.
 */
@Component
class TestProbeSource implements ProbeSource {

    private final Map<UUID, List<Probe>> byAgent = new ConcurrentHashMap<>();
    private final Map<UUID, UUID> calledForTenant = new ConcurrentHashMap<>();

    void offer(UUID agentId, List<Probe> probes) {
        byAgent.put(agentId, List.copyOf(probes));
    }

    UUID calledForTenant(UUID agentId) {
        return calledForTenant.get(agentId);
    }

    @Override
    public List<Probe> probesFor(CallContext call, UUID tenantId, UUID agentId) {
        List<Probe> probes = byAgent.get(agentId);
        if (probes != null) {
            calledForTenant.put(agentId, call.tenantId());
        }
        return probes == null ? List.of() : probes;
    }
}
