package io.tenantra.audit.web;

import io.tenantra.audit.AuditFilter;
import io.tenantra.audit.AuditRecord;
import io.tenantra.audit.AuditTrail;
import io.tenantra.console.ListScope;
import io.tenantra.console.TenantChoices;
import io.tenantra.identity.CallContexts;
import io.tenantra.identity.CurrentUser;
import io.tenantra.identity.Permission;
import io.tenantra.identity.RequiresPermission;
import io.tenantra.identity.TenantAccess;
import io.tenantra.platform.context.TenantScope;
import io.tenantra.platform.web.ApiException;
import io.tenantra.platform.web.PageResponse;
import io.tenantra.platform.web.ProblemType;
import io.tenantra.tenancy.Tenant;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import java.util.UUID;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit log: a tenant's trail with filters, sorting by time and paging (htmx swaps the
 * results in place), names instead of ids ({@link AuditRows}), event detail, CSV export of what
 * is filtered, free-text search ({@code q}, in SQL: action, actor, target type, id or name,
 * recorded changes) and on-demand chain verification. For callers holding {@code AUDIT_READ} on
 * the tenant; with {@code scope=subtree} ("all my tenants", as every console list) the trails of
 * the tenants below it on which the caller holds {@code AUDIT_READ} too ({@code
 * includeDescendants=true}, the older spelling, still works).
 */
@Controller
@RequestMapping("/audit-logs")
class AuditLogsController {

    private static final int PAGE = 50;
    private static final int MAX_PAGE = 200;
    private static final DateTimeFormatter FILE_TIME =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final AuditTrail trail;
    private final TenantAccess access;
    private final JsonMapper json;
    private final Clock clock;
    private final CallContexts calls;
    private final TenantChoices choices;
    private final AuditRows rows;
    private final AuditSearch search;

    AuditLogsController(
            AuditTrail trail,
            TenantAccess access,
            JsonMapper json,
            Clock clock,
            CallContexts calls,
            TenantChoices choices,
            AuditRows rows,
            AuditSearch search) {
        this.search = search;
        this.calls = calls;
        this.choices = choices;
        this.rows = rows;
        this.trail = trail;
        this.access = access;
        this.json = json;
        this.clock = clock;
    }

    /**
     * The filter form's fields as typed; times are the form's UTC date-times.
     *
     * @param sort {@code -time} (newest first, the default) or {@code time}
     * @param size rows per page, 1 to 200
     */
    record Filters(
            UUID tenantId,
            boolean includeDescendants,
            String from,
            String to,
            String actor,
            String action,
            String outcome,
            String q,
            String sort,
            int size) {

        /** The {@code scope} parameter: {@code subtree} when the tenants below are included. */
        public String scope() {
            return includeDescendants ? ListScope.SUBTREE : "tenant";
        }

        boolean oldestFirst() {
            return "time".equals(sort);
        }

        /** The sort the time column's header links to. */
        public String otherSort() {
            return oldestFirst() ? "-time" : "time";
        }

        Filters on(UUID tenant) {
            return new Filters(tenant, includeDescendants, from, to, actor, action, outcome, q, sort, size);
        }
    }

    @ModelAttribute("filters")
    Filters filters(
            @RequestParam(name = "tenant", required = false) String tenant,
            @RequestParam(defaultValue = "false") boolean includeDescendants,
            @RequestParam(required = false) String scope,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String actor,
            @RequestParam(required = false) String action,
            @RequestParam(required = false) String outcome,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String sort,
            @RequestParam(required = false) Integer size) {
        UUID id = tenant == null || tenant.isBlank() ? null : parseId(tenant);
        String order = "time".equals(sort) ? "time" : "-time";
        int rowsPerPage = size == null ? PAGE : Math.max(1, Math.min(MAX_PAGE, size));
        boolean subtree = includeDescendants || ListScope.parse(scope);
        return new Filters(id, subtree, from, to, actor, action, outcome, q, order, rowsPerPage);
    }

    @RequiresPermission(Permission.AUDIT_READ)
    @GetMapping
    String page(
            @AuthenticationPrincipal CurrentUser user,
            @ModelAttribute("filters") Filters filters,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            @RequestHeader(name = "HX-History-Restore-Request", required = false) String historyRestore,
            Model model) {
        Filters chosen = withTenant(user, filters, model);
        model.addAttribute("filters", chosen);
        results(user, chosen, null, model);
        // htmx swaps only the results; a reload or a history restore needs the whole page.
        return htmx != null && historyRestore == null ? "audit/audit-logs :: results" : "audit/audit-logs";
    }

    /** More rows for "Load more". */
    @RequiresPermission(Permission.AUDIT_READ)
    @GetMapping("/rows")
    String rows(
            @AuthenticationPrincipal CurrentUser user,
            @ModelAttribute("filters") Filters filters,
            @RequestParam String cursor,
            Model model) {
        Filters chosen = withTenant(user, filters, model);
        model.addAttribute("filters", chosen);
        results(user, chosen, cursor, model);
        return "audit/audit-logs :: rows";
    }

    @RequiresPermission(Permission.AUDIT_READ)
    @GetMapping("/verify")
    String verify(
            @AuthenticationPrincipal CurrentUser user, @RequestParam(name = "tenant") String tenant, Model model) {
        UUID id = require(user, parseId(tenant));
        model.addAttribute("result", trail.verify(id));
        return "audit/audit-verification";
    }

    @RequiresPermission(Permission.AUDIT_READ)
    @GetMapping("/{tenantId}/{eventId}")
    String detail(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable String tenantId,
            @PathVariable String eventId,
            Model model) {
        UUID tenant = require(user, parseId(tenantId));
        AuditRecord event = trail.find(tenant, parseId(eventId))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("event", event);
        model.addAttribute("row", rows.row(user, event));
        model.addAttribute("changes", json.writerWithDefaultPrettyPrinter().writeValueAsString(event.changes()));
        return "audit/audit-log-detail";
    }

    @RequiresPermission(Permission.AUDIT_READ)
    @GetMapping("/export")
    ResponseEntity<StreamingResponseBody> export(
            @AuthenticationPrincipal CurrentUser user,
            @ModelAttribute("filters") Filters filters,
            jakarta.servlet.http.HttpServletRequest request,
            Model model) {
        Filters chosen = withTenant(user, filters, model);
        Set<UUID> covered = trail.readableTenants(user, chosen.tenantId(), chosen.includeDescendants());
        AuditFilter filter;
        try {
            filter = search.withText(parse(chosen), chosen.q(), covered);
        } catch (ApiException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
        }
        trail.recordExport(
                calls.on(user, chosen.tenantId(), TenantScope.of(chosen.tenantId()), request), covered, filter);
        StreamingResponseBody body = out -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
            trail.export(covered, filter, writer);
            writer.flush();
        };
        String file = "audit-" + chosen.tenantId() + "-" + FILE_TIME.format(clock.instant()) + ".csv";
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(file).build().toString())
                .body(body);
    }

    private void results(CurrentUser user, Filters filters, String cursor, Model model) {
        model.addAttribute("query", query(filters));
        try {
            Set<UUID> covered = trail.readableTenants(user, filters.tenantId(), filters.includeDescendants());
            AuditFilter filter = search.withText(parse(filters), filters.q(), covered);
            PageResponse<AuditRecord> page = trail.search(
                    covered, filters.includeDescendants(), filter, cursor, filters.size(), filters.oldestFirst());
            model.addAttribute("events", rows.rows(user, page.items(), covered));
            model.addAttribute("nextCursor", page.nextCursor());
            model.addAttribute("errors", List.of());
        } catch (ApiException e) {
            if (e.type() != ProblemType.VALIDATION_FAILED) {
                throw e;
            }
            model.addAttribute("events", List.of());
            model.addAttribute("nextCursor", null);
            model.addAttribute("errors", e.errors());
        }
    }

    /** The filters as a query string, for the export link and "Load more"; without the sort, which the links add. */
    static String query(Filters f) {
        StringJoiner query = new StringJoiner("&");
        query.add("tenant=" + f.tenantId());
        if (f.includeDescendants()) {
            query.add("scope=subtree");
        }
        addParam(query, "from", f.from());
        addParam(query, "to", f.to());
        addParam(query, "actor", f.actor());
        addParam(query, "action", f.action());
        addParam(query, "outcome", f.outcome());
        addParam(query, "q", f.q());
        if (f.size() != PAGE) {
            query.add("size=" + f.size());
        }
        return query.toString();
    }

    private static void addParam(StringJoiner query, String name, String value) {
        if (value != null && !value.isBlank()) {
            query.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }

    private static AuditFilter parse(Filters filters) {
        return AuditFilter.parse(
                formTime(filters.from()),
                formTime(filters.to()),
                filters.actor(),
                filters.action(),
                null,
                null,
                filters.outcome());
    }

    /** A {@code datetime-local} value ({@code 2026-11-21T15:00}) is taken as UTC. */
    static String formTime(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String trimmed = value.trim();
        if (trimmed.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}")) {
            return trimmed + ":00Z";
        }
        if (trimmed.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?")) {
            return trimmed + "Z";
        }
        return trimmed;
    }

    /**
     * The requested tenant, or the console's current choice, or the first the caller may audit;
     * checked. The tenants offered go to the model for the picker.
     */
    private Filters withTenant(CurrentUser user, Filters filters, Model model) {
        Tenant offered = choices.offer(user, Permission.AUDIT_READ, filters.tenantId(), model);
        UUID tenant = offered != null ? offered.id() : filters.tenantId();
        if (tenant == null) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        require(user, tenant);
        model.addAttribute("scope", filters.scope());
        model.addAttribute(
                "subtreeOffered", trail.readableTenants(user, tenant, true).size() > 1);
        return filters.on(tenant);
    }

    private UUID require(CurrentUser user, UUID tenantId) {
        try {
            access.require(user, tenantId, Permission.AUDIT_READ);
            return tenantId;
        } catch (ApiException e) {
            throw new ResponseStatusException(
                    e.type() == ProblemType.FORBIDDEN ? HttpStatus.FORBIDDEN : HttpStatus.NOT_FOUND);
        }
    }

    private static UUID parseId(String value) {
        try {
            return UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }
}
