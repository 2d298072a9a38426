package io.tenantra.agents.web;

import io.tenantra.agents.ScanDirectory;
import io.tenantra.agents.ScanExport;
import io.tenantra.agents.ScanView;
import io.tenantra.agents.Scans;
import io.tenantra.console.ConsoleForms;
import io.tenantra.console.ListScope;
import io.tenantra.identity.CallContexts;
import io.tenantra.identity.CurrentUser;
import io.tenantra.identity.Permission;
import io.tenantra.identity.RequiresPermission;
import io.tenantra.identity.TenantAccess;
import io.tenantra.platform.context.CallContext;
import io.tenantra.platform.context.TenantScope;
import io.tenantra.platform.web.ApiException;
import io.tenantra.platform.web.ProblemType;
import java.util.List;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Scans: the list with progress bars (refreshed every few seconds while something runs), a form
 * to start one, and one scan's page with each agent's job and per-module outcome. With
 * {@code scope=subtree} the list covers every tenant below the chosen one that the caller may
 * read, each row naming its tenant ({@link ListScope}).
 */
@Controller
class ScansPageController {

    private final ScanDirectory directory;
    private final Scans scans;
    private final ScanExport export;
    private final TenantAccess access;
    private final CallContexts calls;
    private final ListScope lists;

    ScansPageController(
            ScanDirectory directory,
            Scans scans,
            ScanExport export,
            TenantAccess access,
            CallContexts calls,
            ListScope lists) {
        this.calls = calls;
        this.directory = directory;
        this.scans = scans;
        this.export = export;
        this.access = access;
        this.lists = lists;
    }

    @RequiresPermission(Permission.SCAN_READ)
    @GetMapping("/scans")
    String page(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam(name = "tenant", required = false) UUID tenantId,
            @RequestParam(required = false) String scope,
            @RequestParam(required = false) String cursor,
            Model model) {
        populate(user, tenantId, scope, cursor, model);
        return "agents/scans";
    }

    @RequiresPermission(Permission.SCAN_READ)
    @GetMapping("/scans/rows")
    String rows(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam(name = "tenant") UUID tenantId,
            @RequestParam(required = false) String scope,
            Model model) {
        populate(user, tenantId, scope, null, model);
        return "agents/scans :: rows";
    }

    @RequiresPermission(Permission.SCAN_WRITE)
    @PostMapping("/scans")
    String start(
            @AuthenticationPrincipal CurrentUser user,
            jakarta.servlet.http.HttpServletRequest request,
            @RequestParam(name = "tenant") UUID tenantId,
            @RequestParam(defaultValue = "all") String target,
            @RequestParam(required = false) String os,
            @RequestParam(required = false) String tag,
            @RequestParam(required = false) List<String> modules,
            Model model) {
        CallContext ctx =
                calls.require(user, tenantId, Permission.SCAN_WRITE, request).call();
        try {
            Scans.Selector selector = switch (target) {
                case "os" -> new Scans.Selector(null, null, null, os);
                case "tag" -> new Scans.Selector(null, null, EnrollmentTokensPageController.parseTags(tag), null);
                default -> new Scans.Selector(true, null, null, null);
            };
            ScanView scan = scans.create(ctx, modules == null || modules.isEmpty() ? null : modules, selector);
            return "redirect:/scans/" + scan.id() + "?tenant=" + tenantId;
        } catch (ApiException e) {
            if (e.type() == ProblemType.NOT_FOUND || e.type() == ProblemType.FORBIDDEN) {
                throw e;
            }
            model.addAttribute("error", ConsoleForms.message(e));
            populate(user, tenantId, null, null, model);
            return "agents/scans";
        }
    }

    @RequiresPermission(Permission.SCAN_READ)
    @GetMapping("/scans/{id}")
    String scan(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable UUID id,
            @RequestParam(name = "tenant") UUID tenantId,
            @RequestParam(required = false) String cursor,
            Model model) {
        detail(user, id, tenantId, cursor, model);
        return "agents/scan";
    }

    @RequiresPermission(Permission.SCAN_READ)
    @GetMapping("/scans/{id}/progress")
    String progress(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable UUID id,
            @RequestParam(name = "tenant") UUID tenantId,
            @RequestParam(required = false) String cursor,
            Model model) {
        detail(user, id, tenantId, cursor, model);
        return "agents/scan :: live";
    }

    @RequiresPermission(Permission.SCAN_READ)
    @GetMapping("/scans/{id}/export.csv")
    void export(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable UUID id,
            @RequestParam(name = "tenant") UUID tenantId,
            jakarta.servlet.http.HttpServletRequest request,
            jakarta.servlet.http.HttpServletResponse response) {
        export.writeCsv(
                calls.require(user, tenantId, Permission.SCAN_READ, request).call(),
                id,
                io.tenantra.agents.SensitiveValues.revealed(access.permissionsOn(user, tenantId)),
                () -> {
                    response.setContentType("text/csv;charset=UTF-8");
                    response.setHeader("Content-Disposition", "attachment; filename=\"scan-" + id + ".csv\"");
                    return response.getWriter();
                });
    }

    @RequiresPermission(Permission.SCAN_WRITE)
    @PostMapping("/scans/{id}/cancel")
    String cancel(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable UUID id,
            @RequestParam(name = "tenant") UUID tenantId,
            jakarta.servlet.http.HttpServletRequest request) {
        CallContext ctx =
                calls.require(user, tenantId, Permission.SCAN_WRITE, request).call();
        try {
            scans.cancel(ctx, id);
        } catch (ApiException e) {
            if (e.type() != ProblemType.CONFLICT) {
                throw e; // an already finished scan just shows its final state
            }
        }
        return "redirect:/scans/" + id + "?tenant=" + tenantId;
    }

    private void detail(CurrentUser user, UUID id, UUID tenantId, String cursor, Model model) {
        TenantScope scope = access.require(user, tenantId, Permission.SCAN_READ);
        ScanView scan = directory.find(scope, tenantId, id).orElseThrow(() -> ApiException.notFound("The scan"));
        model.addAttribute("scan", scan);
        model.addAttribute("tenantId", tenantId);
        model.addAttribute(
                "jobs", directory.jobs(scope, tenantId, id, 100, cursor == null || cursor.isBlank() ? null : cursor));
        model.addAttribute("canWrite", access.permissionsOn(user, tenantId).contains(Permission.SCAN_WRITE));
    }

    private void populate(CurrentUser user, UUID requested, String scope, String cursor, Model model) {
        ListScope.Shown tenant = lists.choose(user, Permission.SCAN_READ, requested, scope, model);
        if (tenant == null) {
            return;
        }
        var page = directory.list(
                tenant.scope(), tenant.tenantIds(), 50, cursor == null || cursor.isBlank() ? null : cursor);
        model.addAttribute("page", page);
        model.addAttribute(
                "active",
                page.items().stream()
                        .map(ScanDirectory.TenantScan::scan)
                        .anyMatch(s -> s.status().equals("queued") || s.status().equals("running")));
        model.addAttribute("canWrite", tenant.chosen().holds(Permission.SCAN_WRITE));
        model.addAttribute("modules", directory.knownModules());
    }
}
