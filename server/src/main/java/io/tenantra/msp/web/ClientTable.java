package io.tenantra.msp.web;

import io.tenantra.console.ClientColumn;
import io.tenantra.console.ClientColumn.Cell;
import io.tenantra.platform.web.ApiException;
import io.tenantra.platform.web.ProblemType;
import io.tenantra.tenancy.Tenant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * The rows of the MSP roll-up, searched, sorted and cut into a page. Every value of every row is
 * already read (one set-based query per column, for all customers), so sorting by any column is
 * an in-memory sort of a few hundred rows; what is sent to the browser is one page.
 *
 * <p>Sort keys: {@code name}, {@code path}, {@code plan} and each contributed column's id, with a
 * {@code -} prefix for descending. Rows without a value in the sorted column come last either way.
 */
public final class ClientTable {

    static final int DEFAULT_SIZE = 25;
    static final int MAX_SIZE = 200;
    static final List<String> BUILT_IN = List.of("name", "path", "plan");

    /** One customer: the tenant, where it sits under the user's tenant, and its contributed cells. */
    public record Row(Tenant tenant, String path, List<Cell> cells) {}

    /** A page of rows, with the total after searching. */
    public record Page(List<Row> rows, int total, int page, int size) {

        public int pages() {
            return Math.max(1, (total + size - 1) / size);
        }

        public boolean hasPrevious() {
            return page > 1;
        }

        public boolean hasNext() {
            return page < pages();
        }
    }

    /** The sort asked for, checked against the columns there are. */
    public record Sort(String key, boolean descending) {

        static Sort parse(String raw, List<ClientColumn> columns) {
            String value = raw == null || raw.isBlank() ? "name" : raw.trim();
            boolean descending = value.startsWith("-");
            String key = descending ? value.substring(1) : value;
            boolean known = BUILT_IN.contains(key) || columns.stream().anyMatch(c -> c.id().equals(key));
            if (!known) {
                List<String> keys = new ArrayList<>(BUILT_IN);
                columns.forEach(c -> keys.add(c.id()));
                throw new ApiException(
                        ProblemType.VALIDATION_FAILED,
                        "sort must be one of " + String.join(", ", keys) + " (with - for descending).",
                        List.of(new ApiException.FieldError("sort", "unknown column")));
            }
            return new Sort(key, descending);
        }

        public String param() {
            return (descending ? "-" : "") + key;
        }
    }

    /** A column header: its label and the link that sorts by it (reversing the current order). */
    public record Header(String id, String label, String href, String ariaSort) {}

    private ClientTable() {}

    /** Checks a page number and size from the URL: 1-based page, size 1 to {@value #MAX_SIZE}. */
    static void checkPaging(int page, int size) {
        if (page < 1) {
            throw new ApiException(
                    ProblemType.VALIDATION_FAILED,
                    "page must be 1 or more.",
                    List.of(new ApiException.FieldError("page", "must be at least 1")));
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new ApiException(
                    ProblemType.VALIDATION_FAILED,
                    "size must be between 1 and " + MAX_SIZE + ".",
                    List.of(new ApiException.FieldError("size", "must be between 1 and " + MAX_SIZE)));
        }
    }

    /** The rows whose name or slug contains {@code q} (case-insensitive), sorted. */
    static List<Row> searchAndSort(List<Row> rows, String q, Sort sort, List<ClientColumn> columns) {
        String needle = q == null ? "" : q.trim().toLowerCase(Locale.ROOT);
        List<Row> found = rows.stream()
                .filter(r -> needle.isEmpty()
                        || r.tenant().name().toLowerCase(Locale.ROOT).contains(needle)
                        || r.tenant().slug().toLowerCase(Locale.ROOT).contains(needle))
                .toList();
        Comparator<Row> byName = Comparator.comparing(r -> r.tenant().name(), String.CASE_INSENSITIVE_ORDER);
        Comparator<Row> tieBreak = byName.thenComparing(r -> r.tenant().id());
        Comparator<Row> order = switch (sort.key()) {
            case "name" ->
                direction(byName, sort.descending())
                        .thenComparing(r -> r.tenant().id());
            case "path" ->
                direction(Comparator.comparing(Row::path, String.CASE_INSENSITIVE_ORDER), sort.descending())
                        .thenComparing(tieBreak);
            case "plan" ->
                direction(Comparator.comparing((Row r) -> r.tenant().plan()), sort.descending())
                        .thenComparing(tieBreak);
            default -> byColumn(indexOf(columns, sort.key()), sort.descending()).thenComparing(tieBreak);
        };
        return found.stream().sorted(order).toList();
    }

    static Page page(List<Row> sorted, int page, int size) {
        int from = Math.min(sorted.size(), (page - 1) * size);
        int to = Math.min(sorted.size(), from + size);
        return new Page(sorted.subList(from, to), sorted.size(), page, size);
    }

    /** Where each tenant sits: the names from the user's tenant down to its parent ({@code MSP › Reseller}). */
    static String path(Tenant tenant, Map<UUID, Tenant> visible, UUID home) {
        List<String> names = new ArrayList<>();
        UUID parent = tenant.parentId();
        while (parent != null && visible.containsKey(parent)) {
            names.add(0, visible.get(parent).name());
            if (parent.equals(home)) {
                break;
            }
            parent = visible.get(parent).parentId();
        }
        return String.join(" › ", names);
    }

    /** Whether {@code tenant} is strictly below {@code home} (walking up through visible tenants). */
    static boolean below(Tenant tenant, Map<UUID, Tenant> visible, UUID home) {
        UUID parent = tenant.parentId();
        while (parent != null) {
            if (parent.equals(home)) {
                return true;
            }
            Tenant up = visible.get(parent);
            parent = up == null ? null : up.parentId();
        }
        return false;
    }

    private static int indexOf(List<ClientColumn> columns, String id) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).id().equals(id)) {
                return i;
            }
        }
        throw new IllegalArgumentException(id);
    }

    private static <T> Comparator<T> direction(Comparator<T> ascending, boolean descending) {
        return descending ? ascending.reversed() : ascending;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Comparator<Row> byColumn(int index, boolean descending) {
        Function<Row, Comparable> key = r -> {
            Cell cell = r.cells().get(index);
            return cell == null ? null : (Comparable) cell.sortKey();
        };
        Comparator<Comparable> values = descending ? Comparator.reverseOrder() : Comparator.naturalOrder();
        // Missing values last in both directions: a customer without data is never "the worst".
        return Comparator.comparing(key, Comparator.nullsLast(values));
    }
}
