package io.tenantra.tenantadmin.web;

import io.tenantra.tenancy.Tenant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** One tenant of the console's tree with the children the caller can see, by name. */
public record TenantNode(Tenant tenant, List<TenantNode> children) {

    private static final Comparator<Tenant> BY_NAME =
            Comparator.comparing(Tenant::name, String.CASE_INSENSITIVE_ORDER).thenComparing(Tenant::slug);

    /**
     * Arranges {@code tenants} as a forest: a tenant whose parent is not among them (the caller's
     * own top, or the root) starts a tree of its own.
     */
    static List<TenantNode> forest(List<Tenant> tenants) {
        Set<UUID> present = tenants.stream().map(Tenant::id).collect(Collectors.toSet());
        Map<UUID, List<Tenant>> children = new HashMap<>();
        List<Tenant> tops = new ArrayList<>();
        for (Tenant tenant : tenants) {
            if (tenant.parentId() != null && present.contains(tenant.parentId())) {
                children.computeIfAbsent(tenant.parentId(), k -> new ArrayList<>())
                        .add(tenant);
            } else {
                tops.add(tenant);
            }
        }
        return tops.stream().sorted(BY_NAME).map(t -> node(t, children)).toList();
    }

    private static TenantNode node(Tenant tenant, Map<UUID, List<Tenant>> children) {
        List<TenantNode> below = children.getOrDefault(tenant.id(), List.of()).stream()
                .sorted(BY_NAME)
                .map(child -> node(child, children))
                .toList();
        return new TenantNode(tenant, below);
    }
}
