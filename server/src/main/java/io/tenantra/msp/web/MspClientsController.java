package io.tenantra.msp.web;

import io.tenantra.console.ClientColumn;
import io.tenantra.console.ClientColumn.Cell;
import io.tenantra.identity.CurrentUser;
import io.tenantra.identity.Permission;
import io.tenantra.identity.RequiresPermission;
import io.tenantra.identity.TenantAccess;
import io.tenantra.platform.context.TenantScope;
import io.tenantra.tenancy.Tenant;
import io.tenantra.tenancy.TenantDirectory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The MSP roll-up, {@code /msp/clients}: a row per customer tenant below the user's own that the
 * user can read (children and deeper, with where each sits), with the columns modules contribute
 * ({@link ClientColumn}), searchable by name, sortable by every column and paged on the server,
 * and as CSV ({@code format=csv}) of everything the search matched. Each column is read once for
 * all customers, so the page costs one query per column whatever the number of customers. A
 * customer's name leads to the dashboard of that customer alone.
 */
@Controller
class MspClientsController {

    private final List<ClientColumn> columns;
    private final TenantAccess access;
    private final TenantDirectory directory;

    MspClientsController(List<ClientColumn> columns, TenantAccess access, TenantDirectory directory) {
        Set<String> ids = new LinkedHashSet<>(ClientTable.BUILT_IN);
        for (ClientColumn column : columns) {
            if (!ids.add(column.id())) {
                throw new IllegalStateException("Two MSP roll-up columns claim the id " + column.id());
            }
        }
        this.columns = columns.stream()
                .sorted(Comparator.comparingInt(ClientColumn::order))
                .toList();
        this.access = access;
        this.directory = directory;
    }

    @RequiresPermission(Permission.TENANT_READ)
    @GetMapping("/msp/clients")
    String clients(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam(name = "q", required = false) String q,
            @RequestParam(name = "sort", required = false) String sort,
            @RequestParam(name = "page", defaultValue = "1") int page,
            @RequestParam(name = "size", defaultValue = "" + ClientTable.DEFAULT_SIZE) int size,
            Model model) {
        ClientTable.checkPaging(page, size);
        ClientTable.Sort order = ClientTable.Sort.parse(sort, columns);
        List<ClientColumn> shown = visibleColumns(user);
        List<ClientTable.Row> rows = ClientTable.searchAndSort(rows(user, shown), q, order, shown);
        ClientTable.Page result = ClientTable.page(rows, page, size);
        String query = q == null ? "" : q.trim();
        model.addAttribute("columns", shown);
        model.addAttribute("result", result);
        model.addAttribute("q", query);
        model.addAttribute("sort", order);
        model.addAttribute("headers", headers(shown, order, query, size));
        model.addAttribute("previous", link(query, order.param(), page - 1, size, null));
        model.addAttribute("next", link(query, order.param(), page + 1, size, null));
        model.addAttribute("csv", link(query, order.param(), 1, size, "csv"));
        return "msp/clients";
    }

    @RequiresPermission(Permission.TENANT_READ)
    @GetMapping(value = "/msp/clients", params = "format=csv")
    ResponseEntity<byte[]> csv(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam(name = "q", required = false) String q,
            @RequestParam(name = "sort", required = false) String sort) {
        ClientTable.Sort order = ClientTable.Sort.parse(sort, columns);
        List<ClientColumn> shown = visibleColumns(user);
        List<ClientTable.Row> rows = ClientTable.searchAndSort(rows(user, shown), q, order, shown);
        StringBuilder out = new StringBuilder("tenant_id,name,path,plan");
        shown.forEach(c -> out.append(',').append(ClientCsv.cell(c.label())));
        out.append("\r\n");
        for (ClientTable.Row row : rows) {
            out.append(row.tenant().id())
                    .append(',')
                    .append(ClientCsv.cell(row.tenant().name()))
                    .append(',')
                    .append(ClientCsv.cell(row.path()))
                    .append(',')
                    .append(row.tenant().plan());
            row.cells().forEach(cell -> out.append(',').append(cell == null ? "" : ClientCsv.cell(cell.text())));
            out.append("\r\n");
        }
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"clients.csv\"")
                .body(out.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Columns whose permission the user holds somewhere; the others would be dashes only. */
    private List<ClientColumn> visibleColumns(CurrentUser user) {
        return columns.stream()
                .filter(c -> user.permissions().contains(c.permission()))
                .toList();
    }

    /** Every customer row with its cells: one call per column over all customers. */
    private List<ClientTable.Row> rows(CurrentUser user, List<ClientColumn> shown) {
        Set<UUID> readable = access.tenantsWith(user, Permission.TENANT_READ);
        if (readable.isEmpty() || user.tenantId() == null) {
            return List.of();
        }
        Map<UUID, Tenant> visible = directory.visible(TenantScope.of(readable)).stream()
                .collect(Collectors.toMap(Tenant::id, Function.identity()));
        UUID home = user.tenantId();
        List<Tenant> customers = visible.values().stream()
                .filter(t -> ClientTable.below(t, visible, home))
                .toList();
        Set<UUID> ids = customers.stream().map(Tenant::id).collect(Collectors.toSet());
        List<Map<UUID, Cell>> cells = new ArrayList<>();
        for (ClientColumn column : shown) {
            Set<UUID> permitted = new LinkedHashSet<>(ids);
            permitted.retainAll(access.tenantsWith(user, column.permission()));
            Map<UUID, Cell> answered =
                    permitted.isEmpty() ? Map.of() : column.cells().apply(permitted);
            // Only what was asked for: a column can never add a tenant the user may not read there.
            Map<UUID, Cell> kept = new HashMap<>();
            answered.forEach((tenant, cell) -> {
                if (permitted.contains(tenant)) {
                    kept.put(tenant, cell);
                }
            });
            cells.add(kept);
        }
        List<ClientTable.Row> rows = new ArrayList<>();
        for (Tenant customer : customers) {
            List<Cell> row = new ArrayList<>();
            cells.forEach(column -> row.add(column.get(customer.id())));
            rows.add(new ClientTable.Row(customer, ClientTable.path(customer, visible, home), row));
        }
        return rows;
    }

    private static List<ClientTable.Header> headers(
            List<ClientColumn> columns, ClientTable.Sort sort, String q, int size) {
        List<ClientTable.Header> headers = new ArrayList<>();
        headers.add(header("name", "Customer", sort, q, size));
        headers.add(header("path", "Under", sort, q, size));
        headers.add(header("plan", "Plan", sort, q, size));
        columns.forEach(c -> headers.add(header(c.id(), c.label(), sort, q, size)));
        return headers;
    }

    private static ClientTable.Header header(String id, String label, ClientTable.Sort sort, String q, int size) {
        boolean current = sort.key().equals(id);
        String next = current && !sort.descending() ? "-" + id : id;
        String aria = current ? (sort.descending() ? "descending" : "ascending") : "none";
        return new ClientTable.Header(id, label, link(q, next, 1, size, null), aria);
    }

    private static String link(String q, String sort, int page, int size, String format) {
        UriComponentsBuilder b = UriComponentsBuilder.fromPath("/msp/clients");
        if (!q.isEmpty()) {
            b.queryParam("q", q);
        }
        b.queryParam("sort", sort);
        if (format != null) {
            b.queryParam("format", format);
        } else {
            b.queryParam("page", page);
            if (size != ClientTable.DEFAULT_SIZE) {
                b.queryParam("size", size);
            }
        }
        return b.encode().build().toUriString();
    }
}
