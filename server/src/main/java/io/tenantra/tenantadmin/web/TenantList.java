package io.tenantra.tenantadmin.web;

import io.tenantra.tenancy.Tenant;
import io.tenantra.tenancy.TenantDirectory;
import io.tenantra.tenantadmin.TenantAdministration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One page of the tenants table: searched, sorted and cut by PostgreSQL among the tenants the
 * caller may read (the same set the tree shows, so both always agree); only the page is read. Out-of-range paging
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

    /** The rows of one page; {@code search} runs the query (see {@link TenantAdministration#search}). */
    interface Search {
        TenantDirectory.Found run(String q, String sort, boolean descending, int limit, long offset);
    }

    /**
     * A page of the table, searched, sorted and cut in the database; {@code parentNames} names
     * the parents the caller may read.
     */
    static TenantList of(
            Search search, Map<UUID, String> parentNames, String q, String sort, Integer page, Integer size) {
        int pageSize = size == null ? DEFAULT_SIZE : Math.max(1, Math.min(MAX_SIZE, size));
        return build(search, parentNames, q, sort, page, pageSize);
    }

    /** Every matching tenant on one page, for the CSV export. */
    static TenantList all(Search search, Map<UUID, String> parentNames, String q, String sort) {
        return build(search, parentNames, q, sort, 1, Math.max(1, parentNames.size()));
    }

    private static TenantList build(
            Search search, Map<UUID, String> parentNames, String q, String sort, Integer page, int pageSize) {
        String text = q == null ? "" : q.strip();
        String chosenSort = sort != null && SORTABLE.contains(sort.replaceFirst("^-", "")) ? sort : "name";
        boolean descending = chosenSort.startsWith("-");
        String column = chosenSort.substring(descending ? 1 : 0);
        int wanted = page == null ? 1 : Math.max(1, page);
        TenantDirectory.Found found = search.run(text, column, descending, pageSize, (long) (wanted - 1) * pageSize);
        int pages = (int) Math.max(1, (found.total() + pageSize - 1) / pageSize);
        int shown = Math.min(pages, wanted);
        if (shown != wanted) {
            // A bookmarked page past the end of a list that has shrunk: show the last page.
            found = search.run(text, column, descending, pageSize, (long) (shown - 1) * pageSize);
        }
        List<Row> rows = found.rows().stream()
                .map(t -> new Row(t, t.parentId() == null ? null : parentNames.get(t.parentId())))
                .toList();
        return new TenantList(rows, (int) found.total(), text, chosenSort, shown, pageSize);
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
