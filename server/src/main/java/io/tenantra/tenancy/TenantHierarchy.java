package io.tenantra.tenancy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The shape of the tenant tree, cached in memory for authorisation checks on every request. A
 * change made on this node invalidates it at once; changes made by other nodes are picked up
 * within {@link #MAX_AGE}.
 */
@Component
public class TenantHierarchy {

    static final Duration MAX_AGE = Duration.ofSeconds(5);

    private final JdbcClient jdbc;
    private final Clock clock;
    private volatile Snapshot snapshot;
    private final java.util.concurrent.locks.ReentrantLock reloading = new java.util.concurrent.locks.ReentrantLock();

    TenantHierarchy(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Whether {@code tenant} is {@code ancestor} or lies below it. */
    public boolean isWithin(UUID tenant, UUID ancestor) {
        Snapshot tree = current();
        for (UUID at = tenant; at != null; at = tree.parents.get(at)) {
            if (at.equals(ancestor)) {
                return true;
            }
            if (!tree.parents.containsKey(at)) {
                return false;
            }
        }
        return false;
    }

    public boolean exists(UUID tenant) {
        return current().parents.containsKey(tenant);
    }

    public boolean isActive(UUID tenant) {
        return current().active.contains(tenant);
    }

    public Optional<UUID> parentOf(UUID tenant) {
        return Optional.ofNullable(current().parents.get(tenant));
    }

    /** A tenant and all its descendants, parents before children. */
    public List<UUID> subtree(UUID root) {
        Snapshot tree = current();
        List<UUID> result = new ArrayList<>();
        if (!tree.parents.containsKey(root)) {
            return result;
        }
        Deque<UUID> queue = new ArrayDeque<>(List.of(root));
        while (!queue.isEmpty()) {
            UUID next = queue.removeFirst();
            result.add(next);
            queue.addAll(tree.children.getOrDefault(next, List.of()));
        }
        return result;
    }

    public List<UUID> childrenOf(UUID tenant) {
        return List.copyOf(current().children.getOrDefault(tenant, List.of()));
    }

    /** Forget the cached tree; the tenancy module calls this after every tree change. */
    public void invalidate() {
        snapshot = null;
    }

    private Snapshot current() {
        Snapshot tree = snapshot;
        Instant now = clock.instant();
        if (tree == null || tree.loadedAt.plus(MAX_AGE).isBefore(now)) {
            // One reload at a time: under load every request thread would otherwise see the
            // same stale snapshot and query the tree at once (one query per thread per MAX_AGE).
            // A lock rather than synchronized, so a virtual thread waiting here does not pin.
            reloading.lock();
            try {
                tree = snapshot;
                if (tree == null || tree.loadedAt.plus(MAX_AGE).isBefore(now)) {
                    tree = load(now);
                    snapshot = tree;
                }
            } finally {
                reloading.unlock();
            }
        }
        return tree;
    }

    private Snapshot load(Instant now) {
        Map<UUID, UUID> parents = new HashMap<>();
        Map<UUID, List<UUID>> children = new HashMap<>();
        Set<UUID> active = new HashSet<>();
        jdbc.sql("SELECT id, parent_id, status FROM tenant_tree()").query(rs -> {
            UUID id = rs.getObject(1, UUID.class);
            UUID parent = rs.getObject(2, UUID.class);
            parents.put(id, parent);
            if (parent != null) {
                children.computeIfAbsent(parent, k -> new ArrayList<>()).add(id);
            }
            if ("ACTIVE".equals(rs.getString(3))) {
                active.add(id);
            }
        });
        return new Snapshot(parents, children, active, now);
    }

    private record Snapshot(
            Map<UUID, UUID> parents, Map<UUID, List<UUID>> children, Set<UUID> active, Instant loadedAt) {}
}
