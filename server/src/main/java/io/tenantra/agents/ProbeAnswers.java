package io.tenantra.agents;

import io.tenantra.database.TenantTransactions;
import io.tenantra.platform.context.TenantScope;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Reads the agents' latest probe answers: the facade the compliance module judges probe rules
 * from. Reads run in a transaction that sees exactly {@code scope}, so a tenant outside it (or an
 * agent of another tenant) yields no answers rather than an error.
 */
@Service
public class ProbeAnswers {

    /** The most agents one bulk read takes; callers re-evaluating a large fleet read in batches. */
    public static final int MAX_AGENTS_PER_READ = 1000;

    private final ProbeRepository repository;
    private final TenantTransactions tx;

    ProbeAnswers(ProbeRepository repository, TenantTransactions tx) {
        this.repository = repository;
        this.tx = tx;
    }

    /** The latest answer per probe id on one agent (empty when it answered none). */
    public Map<String, StoredProbeAnswer> latest(TenantScope scope, UUID tenantId, UUID agentId) {
        return latest(scope, tenantId, List.of(agentId)).getOrDefault(agentId, Map.of());
    }

    /**
     * The latest answers of many agents of one tenant, by agent id; agents without answers are
     * absent from the map.
     *
     * @throws IllegalArgumentException for more than {@link #MAX_AGENTS_PER_READ} agents
     */
    public Map<UUID, Map<String, StoredProbeAnswer>> latest(
            TenantScope scope, UUID tenantId, Collection<UUID> agentIds) {
        var distinct = new LinkedHashSet<>(agentIds);
        if (distinct.size() > MAX_AGENTS_PER_READ) {
            throw new IllegalArgumentException(
                    "read at most " + MAX_AGENTS_PER_READ + " agents at once, not " + distinct.size());
        }
        if (!scope.contains(tenantId)) {
            return Map.of(); // fail closed: the caller cannot see that tenant
        }
        return tx.read(scope, () -> repository.latest(tenantId, distinct));
    }
}
