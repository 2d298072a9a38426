package io.tenantra.console;

import io.tenantra.tenancy.Tenant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The header's tenant switcher: every tenant the signed-in user can see (with any permission),
 * as a tree flattened parents-first (MSP → customer → site) with each entry's depth for
 * indenting, a link that opens the current page on that tenant, and the tenant shown now.
 *
 * @param entries the tenants in tree order
 * @param fallback the tenant to name when a page shows no tenant of its own: the one remembered
 *     in this session if visible, else the home tenant (null when neither is visible)
 */
public record TenantSwitcher(List<Entry> entries, Entry fallback) {

    /** One tenant of the switcher: {@code depth} 0 for a top of the visible tree. */
    public record Entry(UUID id, String name, int depth, String href) {}

    /** Whether there is anything to switch between. */
    public boolean offered() {
        return entries.size() > 1;
    }

    /**
     * The tenant the page shows: its own {@code tenant} model attribute (a {@link Tenant}, or a
     * tenant id) when it set one, so a deep link always names what it shows; else the fallback.
     */
    public Entry current(Object pageTenant) {
        UUID id = pageTenant instanceof Tenant tenant ? tenant.id() : pageTenant instanceof UUID uuid ? uuid : null;
        if (id == null) {
            return fallback;
        }
        return entries.stream()
                .filter(e -> e.id().equals(id))
                .findFirst()
                .orElseGet(() -> pageTenant instanceof Tenant tenant
                        ? new Entry(tenant.id(), tenant.name(), 0, null)
                        : fallback);
    }

    /**
     * Builds the switcher for the page at {@code path}: each entry links to {@code path?tenant=id}
     * (the page's other parameters are dropped: filters and cursors of one tenant mean nothing in
     * another).
     */
    static TenantSwitcher of(List<Tenant> visible, String path, UUID fallbackId) {
        Map<UUID, List<Tenant>> children = new HashMap<>();
        Set<UUID> ids = new HashSet<>();
        visible.forEach(t -> ids.add(t.id()));
        List<Tenant> tops = new ArrayList<>();
        for (Tenant tenant : visible) {
            if (tenant.parentId() != null && ids.contains(tenant.parentId())) {
                children.computeIfAbsent(tenant.parentId(), k -> new ArrayList<>())
                        .add(tenant);
            } else {
                tops.add(tenant);
            }
        }
        List<Entry> entries = new ArrayList<>();
        addAll(tops, 0, children, path, entries);
        Entry fallback = entries.stream()
                .filter(e -> e.id().equals(fallbackId))
                .findFirst()
                .orElse(null);
        return new TenantSwitcher(List.copyOf(entries), fallback);
    }

    private static final Comparator<Tenant> BY_NAME = Comparator.comparing(Tenant::name, String.CASE_INSENSITIVE_ORDER);

    private static void addAll(
            List<Tenant> level, int depth, Map<UUID, List<Tenant>> children, String path, List<Entry> into) {
        for (Tenant tenant : level.stream().sorted(BY_NAME).toList()) {
            String href = UriComponentsBuilder.fromPath(path)
                    .queryParam("tenant", tenant.id())
                    .build()
                    .toUriString();
            into.add(new Entry(tenant.id(), tenant.name(), depth, href));
            addAll(children.getOrDefault(tenant.id(), List.of()), depth + 1, children, path, into);
        }
    }
}
