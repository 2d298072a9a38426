package io.tenantra.agents.web;

import io.tenantra.agents.AgentRegistry;
import io.tenantra.agents.AgentView;
import io.tenantra.agents.RiskGroups;
import io.tenantra.agents.ScanDirectory;
import io.tenantra.agents.ScanView;
import io.tenantra.agents.Scans;
import io.tenantra.agents.SensitiveValues;
import io.tenantra.console.ConsoleForms;
import io.tenantra.identity.CallContexts;
import io.tenantra.identity.CurrentUser;
import io.tenantra.identity.Permission;
import io.tenantra.identity.RequiresPermission;
import io.tenantra.identity.TenantAccess;
import io.tenantra.platform.context.CallContext;
import io.tenantra.platform.context.TenantScope;
import io.tenantra.platform.web.ApiException;
import io.tenantra.platform.web.ProblemType;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * One agent's page: facts, tags, config, last results, its risks grouped, and the actions the API
 * has where the agent is: rename, edit tags, revoke (after typing its name), scan now (with the
 * scan's live progress). Actions go through the same facades as the API, so they are checked and
 * audited the same way; buttons show only to those who may use them.
 */
@Controller
class AgentPageController {

    private final AgentRegistry agents;
    private final ScanDirectory scans;
    private final Scans scanner;
    private final RiskGroups risks;
    private final TenantAccess access;
    private final CallContexts calls;

    AgentPageController(
            AgentRegistry agents,
            ScanDirectory scans,
            Scans scanner,
            RiskGroups risks,
            TenantAccess access,
            CallContexts calls) {
        this.agents = agents;
        this.scans = scans;
        this.scanner = scanner;
        this.risks = risks;
        this.access = access;
        this.calls = calls;
    }

    @RequiresPermission(Permission.AGENT_READ)
    @GetMapping("/agents/{id}")
    String agent(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable UUID id,
            @RequestParam(name = "tenant") UUID tenant,
            @RequestParam(required = false) UUID scan,
            @RequestParam(required = false) String done,
            Model model) {
        TenantScope scope = access.require(user, tenant, Permission.AGENT_READ);
        show(user, scope, tenant, find(scope, tenant, id), model);
        if (scan != null) {
            scans.find(scope, tenant, scan).ifPresent(s -> model.addAttribute("scan", s));
        }
        model.addAttribute("done", done);
        return "agents/agent";
    }

    /** The live progress of the scan started with "Scan now", polled until it ends. */
    @RequiresPermission(Permission.SCAN_READ)
    @GetMapping("/agents/{id}/scan-progress")
    String scanProgress(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable UUID id,
            @RequestParam(name = "tenant") UUID tenant,
            @RequestParam UUID scan,
            Model model) {
        TenantScope scope = access.require(user, tenant, Permission.SCAN_READ);
        model.addAttribute("agent", find(scope, tenant, id));
        model.addAttribute("tenantId", tenant);
        model.addAttribute(
                "scan", scans.find(scope, tenant, scan).orElseThrow(() -> ApiException.notFound("The scan")));
        return "agents/agent :: scan-live";
    }

    @RequiresPermission(Permission.AGENT_WRITE)
    @PostMapping("/agents/{id}/rename")
    String rename(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable UUID id,
            @RequestParam(name = "tenant") UUID tenant,
            @RequestParam(defaultValue = "") String name,
            HttpServletRequest request,
            Model model) {
        CallContext call =
                calls.require(user, tenant, Permission.AGENT_WRITE, request).call();
        return act(user, call, id, model, () -> agents.rename(call, id, name), "renamed");
    }

    @RequiresPermission(Permission.AGENT_WRITE)
    @PostMapping("/agents/{id}/tags")
    String tags(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable UUID id,
            @RequestParam(name = "tenant") UUID tenant,
            @RequestParam(defaultValue = "") String tags,
            HttpServletRequest request,
            Model model) {
        CallContext call =
                calls.require(user, tenant, Permission.AGENT_WRITE, request).call();
        return act(
                user,
                call,
                id,
                model,
                () -> agents.retag(call, id, EnrollmentTokensPageController.parseTags(tags)),
                "tagged");
    }

    /** Revokes only when the typed name matches the agent's: the confirmation step. */
    @RequiresPermission(Permission.AGENT_WRITE)
    @PostMapping("/agents/{id}/revoke")
    String revoke(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable UUID id,
            @RequestParam(name = "tenant") UUID tenant,
            @RequestParam(defaultValue = "") String confirm,
            HttpServletRequest request,
            Model model) {
        CallContext call =
                calls.require(user, tenant, Permission.AGENT_WRITE, request).call();
        return act(
                user,
                call,
                id,
                model,
                () -> {
                    AgentView agent = find(call.scope(), tenant, id);
                    if (!agent.name().equals(confirm.strip())) {
                        throw ApiException.invalid(
                                "confirm", "must be the agent's name, typed to confirm the revocation");
                    }
                    agents.revoke(call, id);
                },
                "revoked");
    }

    /** Starts a scan of just this agent with its configured modules, then shows its progress here. */
    @RequiresPermission(Permission.SCAN_WRITE)
    @PostMapping("/agents/{id}/scan")
    String scanNow(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable UUID id,
            @RequestParam(name = "tenant") UUID tenant,
            HttpServletRequest request,
            Model model) {
        CallContext call =
                calls.require(user, tenant, Permission.SCAN_WRITE, request).call();
        find(call.scope(), tenant, id);
        try {
            ScanView scan = scanner.create(call, null, new Scans.Selector(null, List.of(id), null, null));
            return "redirect:/agents/" + id + "?tenant=" + tenant + "&scan=" + scan.id();
        } catch (ApiException e) {
            if (e.type() == ProblemType.NOT_FOUND || e.type() == ProblemType.FORBIDDEN) {
                throw e;
            }
            model.addAttribute("error", ConsoleForms.message(e));
            show(user, call.scope(), tenant, find(call.scope(), tenant, id), model);
            return "agents/agent";
        }
    }

    private String act(CurrentUser user, CallContext call, UUID id, Model model, Runnable action, String done) {
        try {
            action.run();
            return "redirect:/agents/" + id + "?tenant=" + call.tenantId() + "&done=" + done;
        } catch (ApiException e) {
            if (e.type() == ProblemType.NOT_FOUND || e.type() == ProblemType.FORBIDDEN) {
                throw e;
            }
            model.addAttribute("error", ConsoleForms.message(e));
            show(user, call.scope(), call.tenantId(), find(call.scope(), call.tenantId(), id), model);
            return "agents/agent";
        }
    }

    private AgentView find(TenantScope scope, UUID tenant, UUID id) {
        return agents.find(scope, tenant, id).orElseThrow(() -> ApiException.notFound("The agent"));
    }

    private void show(CurrentUser user, TenantScope scope, UUID tenant, AgentView agent, Model model) {
        Set<Permission> held = access.permissionsOn(user, tenant);
        boolean canReadScans = held.contains(Permission.SCAN_READ);
        model.addAttribute("agent", agent);
        model.addAttribute("tenantId", tenant);
        model.addAttribute("results", canReadScans ? scans.latestResults(scope, tenant, agent.id()) : List.of());
        model.addAttribute(
                "risks",
                canReadScans ? risks.forAgent(scope, tenant, agent.id(), SensitiveValues.revealed(held)) : List.of());
        boolean live = agent.revokedAt() == null;
        model.addAttribute("canWrite", live && held.contains(Permission.AGENT_WRITE));
        model.addAttribute("canScan", live && held.contains(Permission.SCAN_WRITE));
    }
}
