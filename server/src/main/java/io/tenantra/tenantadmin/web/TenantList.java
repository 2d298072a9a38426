package io.tenantra.tenantadmin.web;

import io.tenantra.tenancy.Tenant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One page of the tenants table: searched, sorted and cut on the server from the tenants the
 * caller may read (the same set the tree shows, so both always agree). Out-of-range paging
 * values are brought into range rather than refused: a bookmarked page 9 of a list that has
 * shrunk shows the last page.
 *
 * @param rows the tenants on this page, with their parents' names where the caller may read them
 * @param total how many tenants match the search
 * @param page the 1-based page shown
 */
public record TenantList(List<Row> rows, int total, String q, String sort, int page, int size) {

    static final int DEFAULT_SIZE = 25;
    static final int MAX_SIZE = 200;
    static final List<String> SORTABLE = List.of("name", "plan", "created");

    /** A tenant and the name of its parent (null when the parent is not readable or there is none). */
    public record Row(Tenant tenant, String parentName) {}

    static TenantList of(List<Tenant> readable, String q, String sort, Integer page, Integer size) {
        int pageSize = size == null ? DEFAULT_SIZE : Math.max(1, Math.min(MAX_SIZE, size));
        return build(readable, q, sort, page, pageSize);
    }

    /** Every matching tenant on one page, for the CSV export. */
    static TenantList all(List<Tenant> readable, String q, String sort) {
        return build(readable, q, sort, 1, Math.max(1, readable.size()));
    }

    private static TenantList build(List<Tenant> readable, String q, String sort, Integer page, int pageSize) {
        String search = q == null ? "" : q.strip();
        String chosenSort = sort != null && SORTABLE.contains(sort.replaceFirst("^-", "")) ? sort : "name";
        Map<UUID, String> names = readable.stream().collect(Collectors.toMap(Tenant::id, Tenant::name));
        List<Tenant> matching = readable.stream()
                .filter(t -> matches(t, search))
                .sorted(comparator(chosenSort))
                .toList();
        int pages = Math.max(1, (matching.size() + pageSize - 1) / pageSize);
        int shown = page == null ? 1 : Math.max(1, Math.min(pages, page));
        List<Row> rows = matching.stream()
                .skip((long) (shown - 1) * pageSize)
                .limit(pageSize)
                .map(t -> new Row(t, t.parentId() == null ? null : names.get(t.parentId())))
                .toList();
        return new TenantList(rows, matching.size(), search, chosenSort, shown, pageSize);
    }

    private static boolean matches(Tenant tenant, String search) {
        if (search.isEmpty()) {
            return true;
        }
        String needle = search.toLowerCase(Locale.ROOT);
        return tenant.name().toLowerCase(Locale.ROOT).contains(needle)
                || tenant.slug().contains(needle)
                || tenant.plan().name().equalsIgnoreCase(search);
    }

    private static Comparator<Tenant> comparator(String sort) {
        boolean descending = sort.startsWith("-");
        Function<Tenant, Comparable<?>> key = switch (sort.substring(descending ? 1 : 0)) {
            case "plan" -> Tenant::plan;
            case "created" -> Tenant::createdAt;
            default -> t -> t.name().toLowerCase(Locale.ROOT);
        };
        @SuppressWarnings({"unchecked", "rawtypes"})
        Comparator<Tenant> primary = Comparator.comparing((Function) key);
        if (descending) {
            primary = primary.reversed();
        }
        // Ties are broken by slug, which is unique, so paging never shows a row twice.
        return primary.thenComparing(Tenant::slug);
    }

    public int pages() {
        return Math.max(1, (total + size - 1) / size);
    }

    public boolean hasPrevious() {
        return page > 1;
    }

    public boolean hasNext() {
        return page < pages();
    }

    /** The sort a column header links to: ascending first, then the other way round. */
    public String sortFor(String column) {
        return sort.equals(column) ? "-" + column : column;
    }

    /** The arrow shown beside the sorted column's header. */
    public String arrowFor(String column) {
        if (sort.equals(column)) {
            return "▲";
        }
        return sort.equals("-" + column) ? "▼" : "";
    }
}
