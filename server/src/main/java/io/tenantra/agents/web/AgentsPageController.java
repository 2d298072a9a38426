package io.tenantra.agents.web;

import io.tenantra.agents.AgentTable;
import io.tenantra.agents.AgentView;
import io.tenantra.agents.ScanExport;
import io.tenantra.console.ConsoleForms;
import io.tenantra.console.ListScope;
import io.tenantra.identity.CallContexts;
import io.tenantra.identity.CurrentUser;
import io.tenantra.identity.Permission;
import io.tenantra.identity.RequiresPermission;
import io.tenantra.platform.audit.AuditAction;
import io.tenantra.platform.audit.AuditEvent;
import io.tenantra.platform.audit.AuditEvents;
import io.tenantra.platform.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The agents list: server-side pages with a total, sortable columns, search over name, hostname
 * and tags, filters by status (online, offline, never heard from, revoked), OS and tag, and a CSV
 * export of what is filtered. The table body refreshes itself every few seconds so status stays
 * live. With {@code scope=subtree} it lists the agents of every tenant below the chosen one that
 * the caller may read, each row naming its tenant ({@link ListScope}).
 */
@Controller
class AgentsPageController {

    private final AgentTable table;
    private final ListScope lists;

    private final CallContexts calls;
    private final AuditEvents audit;

    AgentsPageController(AgentTable table, ListScope lists, CallContexts calls, AuditEvents audit) {
        this.table = table;
        this.lists = lists;
        this.calls = calls;
        this.audit = audit;
    }

    /** The list's query string: filters, search, sort and page as the URL carries them. */
    record Filters(String status, String os, String tag, String q, String sort, Integer page, Integer size) {
        Map<String, String> tags() {
            Map<String, String> tags = new TreeMap<>();
            if (tag != null && !tag.isBlank()) {
                int eq = tag.indexOf('=');
                if (eq <= 0) {
                    throw ApiException.invalid("tag", "must look like key=value");
                }
                tags.put(tag.substring(0, eq).strip(), tag.substring(eq + 1).strip());
            }
            return tags;
        }

        int pageNumber() {
            return page == null ? 1 : page;
        }

        int pageSize() {
            return size == null ? AgentTable.DEFAULT_SIZE : Math.max(1, Math.min(size, AgentTable.MAX_SIZE));
        }

        /** The sort a column header links to: ascending first, descending when already ascending. */
        public String sortBy(String column) {
            return column.equals(sort) ? "-" + column : column;
        }

        /** "asc", "desc" or null: how {@code column} is sorted now, for the header's indicator. */
        public String sorted(String column) {
            String current = sort == null || sort.isBlank() ? "name" : sort;
            return current.equals(column) ? "asc" : current.equals("-" + column) ? "desc" : null;
        }

        AgentTable.Request request(int pageNumber, int pageSize) {
            return new AgentTable.Request(
                    blankToNull(status),
                    blankToNull(os),
                    tags(),
                    blankToNull(q),
                    blankToNull(sort),
                    pageNumber,
                    pageSize);
        }

        static String blankToNull(String value) {
            return value == null || value.isBlank() ? null : value.strip();
        }
    }

    @RequiresPermission(Permission.AGENT_READ)
    @GetMapping("/agents")
    String page(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam(name = "tenant", required = false) UUID tenant,
            @RequestParam(required = false) String scope,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String os,
            @RequestParam(required = false) String tag,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String sort,
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size,
            Model model) {
        populate(user, tenant, scope, new Filters(status, os, tag, q, sort, page, size), model);
        return "agents/agents";
    }

    /** Just the table body, for the periodic refresh. */
    @RequiresPermission(Permission.AGENT_READ)
    @GetMapping("/agents/rows")
    String rows(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam(name = "tenant") UUID tenant,
            @RequestParam(required = false) String scope,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String os,
            @RequestParam(required = false) String tag,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String sort,
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size,
            Model model) {
        populate(user, tenant, scope, new Filters(status, os, tag, q, sort, page, size), model);
        return "agents/agents :: rows";
    }

    /** Every agent the filters match (not just one page), as CSV; names, not ids, first. */
    @RequiresPermission(Permission.AGENT_READ)
    @GetMapping(path = "/agents", params = "format=csv")
    void csv(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam(name = "tenant", required = false) UUID tenant,
            @RequestParam(required = false) String scope,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String os,
            @RequestParam(required = false) String tag,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String sort,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model)
            throws IOException {
        ListScope.Shown chosen = lists.choose(user, Permission.AGENT_READ, tenant, scope, model);
        if (chosen == null) {
            throw ApiException.notFound("A tenant whose agents you can read");
        }
        AgentTable.Page all = table.page(
                chosen.scope(),
                chosen.tenantIds(),
                new Filters(status, os, tag, q, sort, 1, null).request(1, AgentTable.MAX_EXPORT));
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"agents.csv\"");
        PrintWriter out = response.getWriter();
        out.print("name,tenant,hostname,status,os,os_version,agent_version,tags,last_seen_at,enrolled_at,id\r\n");
        for (AgentView a : all.items()) {
            out.print(String.join(
                            ",",
                            List.of(
                                    ScanExport.cell(a.name()),
                                    ScanExport.cell(chosen.tenantOf(all.tenantOf(a.id()))
                                            .name()),
                                    ScanExport.cell(a.hostname()),
                                    ScanExport.cell(a.status()),
                                    ScanExport.cell(a.osFamily()),
                                    ScanExport.cell(a.osVersion()),
                                    ScanExport.cell(a.agentVersion()),
                                    ScanExport.cell(a.tags().entrySet().stream()
                                            .map(e -> e.getKey() + "=" + e.getValue())
                                            .collect(Collectors.joining(" "))),
                                    ScanExport.cell(String.valueOf(a.lastSeenAt())),
                                    ScanExport.cell(String.valueOf(a.enrolledAt())),
                                    a.id().toString()))
                    + "\r\n");
        }
        out.flush();
        audit.happened(
                calls.on(user, chosen.id(), chosen.scope(), request),
                AuditAction.AGENT_EXPORT,
                "tenant",
                chosen.id(),
                exportDetails(
                        all.items().size(),
                        "scope",
                        chosen.subtree() ? ListScope.SUBTREE : null,
                        "status",
                        status,
                        "os",
                        os,
                        "tag",
                        tag,
                        "q",
                        q,
                        "sort",
                        sort),
                AuditEvent.Outcome.SUCCESS);
    }

    /**
     * An export's audit details: the filters that were set ({@code nameAndValue} pairs; unset ones
     * left out) and how many rows went out.
     */
    static Map<String, Object> exportDetails(int rows, String... nameAndValue) {
        Map<String, Object> details = new TreeMap<>();
        for (int i = 0; i + 1 < nameAndValue.length; i += 2) {
            String value = nameAndValue[i + 1];
            if (value != null && !value.isBlank()) {
                details.put(nameAndValue[i], value);
            }
        }
        details.put("format", "csv");
        details.put("rows", rows);
        return details;
    }

    private void populate(CurrentUser user, UUID requested, String scope, Filters filters, Model model) {
        model.addAttribute("filters", filters);
        ListScope.Shown tenant = lists.choose(user, Permission.AGENT_READ, requested, scope, model);
        if (tenant == null) {
            return;
        }
        model.addAttribute("canWrite", tenant.chosen().holds(Permission.AGENT_WRITE));
        try {
            model.addAttribute(
                    "page",
                    table.page(
                            tenant.scope(),
                            tenant.tenantIds(),
                            filters.request(filters.pageNumber(), filters.pageSize())));
        } catch (ApiException e) {
            model.addAttribute("error", ConsoleForms.message(e));
            model.addAttribute("page", AgentTable.Page.empty(filters.pageNumber(), filters.pageSize()));
        }
    }
}
