package io.tenantra.agents;

import io.tenantra.database.TenantTransactions;
import io.tenantra.platform.context.TenantScope;
import io.tenantra.platform.web.ApiException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * The agents list as the console shows it: offset pages with a total, sorting by name, status,
 * last seen, OS or agent version, search over name, hostname and tags, and status filters
 * including agents never heard from since they enrolled. The API keeps its keyset-paged list
 * ({@link AgentRegistry#list}); this serves tables people page through and export.
 */
@Service
public class AgentTable {

    public static final int DEFAULT_SIZE = 25;
    public static final int MAX_SIZE = 200;
    /** The most rows one CSV export holds. */
    public static final int MAX_EXPORT = 100_000;

    static final List<String> STATUSES = List.of("online", "offline", "never", "revoked");

    private final AgentRepository agents;
    private final HeartbeatRecorder heartbeats;
    private final TenantTransactions tx;

    AgentTable(AgentRepository agents, HeartbeatRecorder heartbeats, TenantTransactions tx) {
        this.agents = agents;
        this.heartbeats = heartbeats;
        this.tx = tx;
    }

    /**
     * What the caller asked for; null or blank means "any".
     *
     * @param status online, offline, never (not heard from since enrolling) or revoked
     * @param sort name, status, last_seen, os or version, {@code -} first for descending
     * @param page 1-based
     */
    public record Request(
            String status, String os, Map<String, String> tags, String q, String sort, int page, int size) {}

    /**
     * One page of agents.
     *
     * @param tenants each listed agent's tenant, by agent id (for lists covering several tenants)
     */
    public record Page(List<AgentView> items, Map<UUID, UUID> tenants, long matched, int page, int size) {

        public static Page empty(int page, int size) {
            return new Page(List.of(), Map.of(), 0, page, size);
        }

        /** The tenant of a listed agent. */
        public UUID tenantOf(UUID agentId) {
            return tenants.get(agentId);
        }

        public long pages() {
            return Math.max(1, (matched + size - 1) / size);
        }

        public boolean hasNext() {
            return (long) page * size < matched;
        }

        public boolean hasPrevious() {
            return page > 1;
        }
    }

    public Page page(TenantScope scope, UUID tenantId, Request request) {
        return page(scope, Set.of(tenantId), request);
    }

    /** The agents of all {@code tenantIds} (each within {@code scope}) as one list. */
    public Page page(TenantScope scope, Set<UUID> tenantIds, Request request) {
        if (request.status() != null && !STATUSES.contains(request.status())) {
            throw ApiException.invalid("status", "must be online, offline, never or revoked");
        }
        if (request.os() != null && !List.of("linux", "macos", "windows").contains(request.os())) {
            throw ApiException.invalid("os", "must be linux, macos or windows");
        }
        if (request.q() != null && request.q().length() > 200) {
            throw ApiException.invalid("q", "must be at most 200 characters");
        }
        if (request.page() < 1 || request.page() > 1_000_000) {
            throw ApiException.invalid("page", "must be between 1 and 1000000");
        }
        if (request.size() < 1 || request.size() > MAX_EXPORT) {
            throw ApiException.invalid("size", "must be between 1 and " + MAX_EXPORT);
        }
        String sort = request.sort() == null ? "name" : request.sort();
        boolean descending = sort.startsWith("-");
        String column = descending ? sort.substring(1) : sort;
        if (!AgentRepository.SORTS.containsKey(column)) {
            throw ApiException.invalid("sort", "must be name, status, last_seen, os or version");
        }
        var filter = new AgentRepository.AgentFilter(
                request.status(), request.os(), Tags.validate(request.tags(), "tag"), request.q());
        AgentRepository.Found found = tx.read(
                scope,
                () -> agents.search(
                        tenantIds,
                        filter,
                        column,
                        descending,
                        request.size(),
                        (long) (request.page() - 1) * request.size()));
        List<AgentView> views = found.rows().stream()
                .map(row -> AgentView.of(row, row.revokedAt() == null ? heartbeats.pendingLastSeen(row.id()) : null))
                .toList();
        Map<UUID, UUID> tenants = new HashMap<>();
        found.rows().forEach(row -> tenants.put(row.id(), row.tenantId()));
        return new Page(views, Map.copyOf(tenants), found.matched(), request.page(), request.size());
    }
}
