package io.tenantra.compliance.web;

import io.tenantra.compliance.frameworks.Control;
import io.tenantra.compliance.frameworks.Coverage;
import io.tenantra.compliance.frameworks.CoverageReport;
import io.tenantra.compliance.frameworks.Framework;
import io.tenantra.compliance.store.ComplianceEnablement;
import io.tenantra.compliance.store.ContentCatalog;
import io.tenantra.compliance.store.ResultRows;
import io.tenantra.compliance.store.StoredResult;
import io.tenantra.database.TenantTransactions;
import io.tenantra.identity.CallContexts;
import io.tenantra.identity.CurrentUser;
import io.tenantra.identity.Permission;
import io.tenantra.identity.RequiresPermission;
import io.tenantra.platform.context.CallContext;
import io.tenantra.platform.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * One framework in the console: pass/fail per control (chart and table), the coverage map of the
 * tenant's enabled checks, and the drill-down from a control to the assets failing it, each
 * linking to the evidence of its verdict.
 */
@Controller
class FrameworkPageController {

    /** Failing verdicts shown per control page; the API pages through all of them. */
    static final int FAILING_LIMIT = 200;

    private final ContentCatalog catalog;
    private final ComplianceEnablement enablement;
    private final ResultRows results;
    private final TenantTransactions tx;
    private final CallContexts calls;

    FrameworkPageController(
            ContentCatalog catalog,
            ComplianceEnablement enablement,
            ResultRows results,
            TenantTransactions tx,
            CallContexts calls) {
        this.catalog = catalog;
        this.enablement = enablement;
        this.results = results;
        this.tx = tx;
        this.calls = calls;
    }

    /** A control with its checks and how many assets pass, fail, are not applicable or in error. */
    record ControlRow(Control control, Set<String> checks, int pass, int fail, int notApplicable, int error) {}

    @RequiresPermission(Permission.COMPLIANCE_READ)
    @GetMapping("/compliance/frameworks/{frameworkId}")
    String framework(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable String frameworkId,
            @RequestParam(name = "tenant") UUID tenantId,
            HttpServletRequest request,
            Model model) {
        CallContext call = calls.require(user, tenantId, Permission.COMPLIANCE_READ, request)
                .call();
        Framework framework = framework(call, frameworkId);
        Map<String, Set<String>> mapped = mapped(call, framework.id());
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        mapped.forEach((control, checks) -> checks.forEach(check -> pairs.add(Map.entry(check, control))));
        Map<String, ResultRows.ControlCounts> counts =
                tx.read(call.scope(), () -> results.controlCounts(tenantId, pairs));
        List<ControlRow> rows = new ArrayList<>();
        Map<String, Object> chart = new LinkedHashMap<>();
        List<String> judged = new ArrayList<>();
        List<Integer> pass = new ArrayList<>();
        List<Integer> fail = new ArrayList<>();
        for (Control control : framework.controls()) {
            ResultRows.ControlCounts c = counts.getOrDefault(control.id(), new ResultRows.ControlCounts());
            rows.add(new ControlRow(
                    control, mapped.getOrDefault(control.id(), Set.of()), c.pass, c.fail, c.notApplicable, c.error));
            // The chart shows only controls some asset was judged on: hundreds of empty bars say nothing.
            if (c.pass + c.fail > 0) {
                judged.add(control.id());
                pass.add(c.pass);
                fail.add(c.fail);
            }
        }
        chart.put("controls", judged);
        chart.put("pass", pass);
        chart.put("fail", fail);
        CoverageReport coverage = Coverage.of(
                framework,
                catalog.forTenant(call.scope(), tenantId, enablement.effective(tenantId))
                        .checks()
                        .values());
        model.addAttribute("tenantId", tenantId);
        model.addAttribute("framework", framework);
        model.addAttribute("controls", rows);
        model.addAttribute("chart", chart);
        model.addAttribute("coverage", coverage);
        return "compliance/framework";
    }

    @RequiresPermission(Permission.COMPLIANCE_READ)
    @GetMapping("/compliance/frameworks/{frameworkId}/controls/{controlId}")
    String control(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable String frameworkId,
            @PathVariable String controlId,
            @RequestParam(name = "tenant") UUID tenantId,
            HttpServletRequest request,
            Model model) {
        CallContext call = calls.require(user, tenantId, Permission.COMPLIANCE_READ, request)
                .call();
        Framework framework = framework(call, frameworkId);
        Control control = framework.controls().stream()
                .filter(c -> c.id().equals(controlId))
                .findFirst()
                .orElseThrow(() -> ApiException.notFound("The control"));
        Set<String> checks = mapped(call, framework.id()).getOrDefault(control.id(), Set.of());
        List<StoredResult> failing = checks.isEmpty()
                ? List.of()
                : tx.read(call.scope(), () -> results.failing(tenantId, checks, 0, FAILING_LIMIT));
        model.addAttribute("tenantId", tenantId);
        model.addAttribute("framework", framework);
        model.addAttribute("control", control);
        model.addAttribute("checks", checks);
        model.addAttribute("failing", failing);
        model.addAttribute("truncated", failing.size() == FAILING_LIMIT);
        return "compliance/control";
    }

    private Framework framework(CallContext call, String frameworkId) {
        return catalog.frameworks(call.scope(), call.tenantId()).stream()
                .filter(f -> f.id().equals(frameworkId))
                .findFirst()
                .orElseThrow(() -> ApiException.notFound("The framework"));
    }

    /** Control id → ids of the enabled checks mapped to it, also for a framework not enabled. */
    private Map<String, Set<String>> mapped(CallContext call, String frameworkId) {
        var content = catalog.forTenant(call.scope(), call.tenantId(), enablement.effective(call.tenantId()));
        Map<String, Set<String>> controls = content.controls().get(frameworkId);
        if (controls != null) {
            return controls;
        }
        Map<String, Set<String>> byControl = new TreeMap<>();
        content.checks()
                .values()
                .forEach(check -> check.frameworks()
                        .getOrDefault(frameworkId, List.of())
                        .forEach(control -> byControl
                                .computeIfAbsent(control, k -> new TreeSet<>())
                                .add(check.id())));
        return byControl;
    }
}
