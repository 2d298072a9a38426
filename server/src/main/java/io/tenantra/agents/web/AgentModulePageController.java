package io.tenantra.agents.web;

import io.tenantra.agents.AgentRegistry;
import io.tenantra.agents.AgentView;
import io.tenantra.agents.ModuleTable;
import io.tenantra.agents.ScanExport;
import io.tenantra.agents.SensitiveValues;
import io.tenantra.console.ConsoleForms;
import io.tenantra.identity.CallContexts;
import io.tenantra.identity.CurrentUser;
import io.tenantra.identity.Permission;
import io.tenantra.identity.RequiresPermission;
import io.tenantra.identity.TenantAccess;
import io.tenantra.platform.audit.AuditAction;
import io.tenantra.platform.audit.AuditEvent;
import io.tenantra.platform.audit.AuditEvents;
import io.tenantra.platform.context.TenantScope;
import io.tenantra.platform.web.ApiException;
import io.tenantra.platform.web.ProblemType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * One module's latest items on one agent as a table that scales (a files module is thousands of
 * rows): pages of 50, search over keys and values, sort by key, type or a column, filter by item
 * type, long values clipped with the whole value on demand, grouped risks, and a CSV export of
 * what is filtered. Sensitive values are redacted for callers without AGENTS_SENSITIVE_READ.
 */
@Controller
class AgentModulePageController {

    private final AgentRegistry agents;
    private final ModuleTable table;
    private final TenantAccess access;

    private final CallContexts calls;
    private final AuditEvents audit;

    AgentModulePageController(
            AgentRegistry agents, ModuleTable table, TenantAccess access, CallContexts calls, AuditEvents audit) {
        this.calls = calls;
        this.audit = audit;
        this.agents = agents;
        this.table = table;
        this.access = access;
    }

    /** The table's query string, as the URL carries it. */
    record Filters(String q, String type, String sort, Integer page, Integer size) {
        /** The sort a column header links to: ascending first, descending when already ascending. */
        public String sortBy(String column) {
            return column.equals(sort) ? "-" + column : column;
        }

        public String sorted(String column) {
            return column.equals(sort) ? "asc" : ("-" + column).equals(sort) ? "desc" : null;
        }

        ModuleTable.Request request(boolean revealed, int pageSize) {
            return new ModuleTable.Request(
                    blank(q), blank(type), blank(sort), page == null ? 1 : page, pageSize, revealed);
        }

        int pageSize() {
            return size == null ? ModuleTable.DEFAULT_SIZE : Math.max(1, Math.min(size, ModuleTable.MAX_SIZE));
        }

        private static String blank(String value) {
            return value == null || value.isBlank() ? null : value.strip();
        }
    }

    @RequiresPermission(Permission.SCAN_READ)
    @GetMapping("/agents/{id}/modules/{module}")
    String module(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable UUID id,
            @PathVariable String module,
            @RequestParam(name = "tenant") UUID tenant,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String type,
            @RequestParam(required = false) String sort,
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size,
            Model model) {
        TenantScope scope = access.require(user, tenant, Permission.SCAN_READ);
        AgentView agent = agents.find(scope, tenant, id).orElseThrow(() -> ApiException.notFound("The agent"));
        Filters filters = new Filters(q, type, sort, page, size);
        boolean revealed = SensitiveValues.revealed(access.permissionsOn(user, tenant));
        model.addAttribute("agent", agent);
        model.addAttribute("tenantId", tenant);
        model.addAttribute("filters", filters);
        model.addAttribute("revealed", revealed);
        ModuleTable.Page data;
        try {
            data = table.page(scope, tenant, id, module, filters.request(revealed, filters.pageSize()))
                    .orElseThrow(() -> ApiException.notFound("A result of module " + module + " on this agent"));
        } catch (ApiException e) {
            if (e.type() == ProblemType.NOT_FOUND || e.type() == ProblemType.FORBIDDEN) {
                throw e;
            }
            // A bad sort, type or page: show the unfiltered table with the reason.
            model.addAttribute("error", ConsoleForms.message(e));
            filters = new Filters(null, null, null, 1, filters.size());
            model.addAttribute("filters", filters);
            data = table.page(scope, tenant, id, module, filters.request(revealed, filters.pageSize()))
                    .orElseThrow(() -> ApiException.notFound("A result of module " + module + " on this agent"));
        }
        model.addAttribute("data", data);
        return "agents/agent-module";
    }

    /** Every item the filters match (paging ignored) as CSV: type, key, then one column per attribute. */
    @RequiresPermission(Permission.SCAN_READ)
    @GetMapping(path = "/agents/{id}/modules/{module}", params = "format=csv")
    void csv(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable UUID id,
            @PathVariable String module,
            @RequestParam(name = "tenant") UUID tenant,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String type,
            @RequestParam(required = false) String sort,
            HttpServletRequest httpRequest,
            HttpServletResponse response) {
        TenantScope scope = access.require(user, tenant, Permission.SCAN_READ);
        AgentView agent = agents.find(scope, tenant, id).orElseThrow(() -> ApiException.notFound("The agent"));
        boolean revealed = SensitiveValues.revealed(access.permissionsOn(user, tenant));
        ModuleTable.Request request = new Filters(q, type, sort, 1, null).request(revealed, ModuleTable.DEFAULT_SIZE);
        int[] rows = {0};
        boolean found = table.export(scope, tenant, id, module, request, new ModuleTable.CsvRows() {
            private PrintWriter out;

            @Override
            public void header(List<String> columns) {
                try {
                    response.setContentType("text/csv;charset=UTF-8");
                    response.setHeader(
                            "Content-Disposition",
                            "attachment; filename=\"" + agent.name().replaceAll("[^A-Za-z0-9._-]", "_") + "-"
                                    + module.replaceAll("[^A-Za-z0-9._-]", "_") + ".csv\"");
                    out = response.getWriter();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                List<String> names = new ArrayList<>(List.of("type", "key"));
                names.addAll(columns);
                line(names);
            }

            @Override
            public void row(String itemType, String key, List<String> values) {
                rows[0]++;
                List<String> cells = new ArrayList<>(List.of(itemType == null ? "" : itemType, key == null ? "" : key));
                cells.addAll(values);
                line(cells);
            }

            private void line(List<String> cells) {
                out.print(String.join(",", cells.stream().map(ScanExport::cell).toList()));
                out.print("\r\n");
            }
        });
        if (!found) {
            throw ApiException.notFound("A result of module " + module + " on this agent");
        }
        Map<String, Object> details = AgentsPageController.exportDetails(rows[0], "q", q, "type", type, "sort", sort);
        details.put("module", module);
        details.put("redacted", !revealed);
        audit.happened(
                calls.on(user, tenant, scope, httpRequest),
                AuditAction.AGENT_EXPORT,
                "agent",
                id,
                details,
                AuditEvent.Outcome.SUCCESS);
    }
}
