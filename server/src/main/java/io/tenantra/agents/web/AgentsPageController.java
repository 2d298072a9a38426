package io.tenantra.agents.web;

import io.tenantra.agents.AgentRegistry;
import io.tenantra.agents.AgentView;
import io.tenantra.agents.ScanDirectory;
import io.tenantra.console.ConsoleForms;
import io.tenantra.console.TenantChoices;
import io.tenantra.identity.CurrentUser;
import io.tenantra.identity.Permission;
import io.tenantra.identity.RequiresPermission;
import io.tenantra.identity.TenantAccess;
import io.tenantra.platform.context.TenantScope;
import io.tenantra.platform.web.ApiException;
import io.tenantra.platform.web.PageResponse;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The agents list (filters by status, OS, tag and name; the table refreshes itself every few
 * seconds so status stays live) and one agent's page (facts, tags, config, last results).
 */
@Controller
class AgentsPageController {

    static final int PAGE_SIZE = 100;

    private final AgentRegistry agents;
    private final ScanDirectory scans;
    private final TenantAccess access;
    private final TenantChoices choices;

    AgentsPageController(AgentRegistry agents, ScanDirectory scans, TenantAccess access, TenantChoices choices) {
        this.agents = agents;
        this.scans = scans;
        this.access = access;
        this.choices = choices;
    }

    record Filters(String status, String os, String tag, String q) {
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

        static String blankToNull(String value) {
            return value == null || value.isBlank() ? null : value.strip();
        }
    }

    @RequiresPermission(Permission.AGENT_READ)
    @GetMapping("/agents")
    String page(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam(required = false) UUID tenantId,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String os,
            @RequestParam(required = false) String tag,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String cursor,
            Model model) {
        populate(user, tenantId, new Filters(status, os, tag, q), cursor, model);
        return "agents/agents";
    }

    /** Just the table body, for the periodic refresh. */
    @RequiresPermission(Permission.AGENT_READ)
    @GetMapping("/agents/rows")
    String rows(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam UUID tenantId,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String os,
            @RequestParam(required = false) String tag,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String cursor,
            Model model) {
        populate(user, tenantId, new Filters(status, os, tag, q), cursor, model);
        return "agents/agents :: rows";
    }

    @RequiresPermission(Permission.AGENT_READ)
    @GetMapping("/agents/{id}")
    String agent(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable UUID id,
            @RequestParam UUID tenantId,
            Model model) {
        TenantScope scope = access.require(user, tenantId, Permission.AGENT_READ);
        AgentView agent = agents.find(scope, tenantId, id).orElseThrow(() -> ApiException.notFound("The agent"));
        model.addAttribute("agent", agent);
        model.addAttribute("tenantId", tenantId);
        model.addAttribute(
                "results",
                access.permissionsOn(user, tenantId).contains(Permission.SCAN_READ)
                        ? scans.latestResults(scope, tenantId, id)
                        : List.of());
        return "agents/agent";
    }

    /** One module's latest data on one agent: its items as a table, flagged rows highlighted. */
    @RequiresPermission(Permission.SCAN_READ)
    @GetMapping("/agents/{id}/modules/{module}")
    String module(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable UUID id,
            @PathVariable String module,
            @RequestParam UUID tenantId,
            Model model) {
        TenantScope scope = access.require(user, tenantId, Permission.SCAN_READ);
        AgentView agent = agents.find(scope, tenantId, id).orElseThrow(() -> ApiException.notFound("The agent"));
        model.addAttribute("agent", agent);
        model.addAttribute("tenantId", tenantId);
        model.addAttribute(
                "data",
                scans.latestModule(scope, tenantId, id, module)
                        .orElseThrow(() -> ApiException.notFound("A result of module " + module + " on this agent")));
        return "agents/agent-module";
    }

    private void populate(CurrentUser user, UUID requested, Filters filters, String cursor, Model model) {
        model.addAttribute("filters", filters);
        TenantChoices.Chosen tenant = choices.choose(user, Permission.AGENT_READ, requested, model);
        if (tenant == null) {
            return;
        }
        try {
            PageResponse<AgentView> page = agents.list(
                    tenant.scope(),
                    tenant.id(),
                    Filters.blankToNull(filters.status()),
                    Filters.blankToNull(filters.os()),
                    filters.tags(),
                    Filters.blankToNull(filters.q()),
                    PAGE_SIZE,
                    cursor == null || cursor.isBlank() ? null : cursor);
            model.addAttribute("page", page);
        } catch (ApiException e) {
            model.addAttribute("error", ConsoleForms.message(e));
            model.addAttribute("page", new PageResponse<AgentView>(List.of(), null));
        }
    }
}
