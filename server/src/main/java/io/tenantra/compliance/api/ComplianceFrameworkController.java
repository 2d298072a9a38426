package io.tenantra.compliance.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tenantra.compliance.frameworks.Control;
import io.tenantra.compliance.frameworks.Coverage;
import io.tenantra.compliance.frameworks.CoverageReport;
import io.tenantra.compliance.frameworks.Framework;
import io.tenantra.compliance.frameworks.FrameworkFormat;
import io.tenantra.compliance.store.ComplianceEnablement;
import io.tenantra.compliance.store.ComplianceFrameworks;
import io.tenantra.compliance.store.ContentCatalog;
import io.tenantra.compliance.store.Enablement;
import io.tenantra.compliance.store.ResultRows;
import io.tenantra.compliance.store.StoredResult;
import io.tenantra.database.TenantTransactions;
import io.tenantra.identity.Permission;
import io.tenantra.identity.RequiresPermission;
import io.tenantra.platform.context.CallContext;
import io.tenantra.platform.web.ApiException;
import io.tenantra.platform.web.Cursors;
import io.tenantra.platform.web.PageResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Frameworks: the library, per-control standing, coverage, failing assets, import and export. */
@RestController
@RequestMapping(path = "/api/v1/tenants/{tenantId}/compliance", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Compliance")
class ComplianceFrameworkController {

    private final ContentCatalog catalog;
    private final ComplianceEnablement enablement;
    private final ComplianceFrameworks frameworks;
    private final ResultRows results;
    private final TenantTransactions tx;

    ComplianceFrameworkController(
            ContentCatalog catalog,
            ComplianceEnablement enablement,
            ComplianceFrameworks frameworks,
            ResultRows results,
            TenantTransactions tx) {
        this.catalog = catalog;
        this.enablement = enablement;
        this.frameworks = frameworks;
        this.results = results;
        this.tx = tx;
    }

    record FrameworkView(String id, String version, String title, String publisher, int controls, boolean enabled) {}

    /** A control with how many assets have it passing, failing, not applicable or in error. */
    record ControlView(
            String id,
            String title,
            String family,
            double weight,
            boolean manual,
            Set<String> checks,
            int pass,
            int fail,
            int notApplicable,
            int error) {}

    record FrameworkDetail(FrameworkView framework, List<ControlView> controls) {}

    @RequiresPermission(Permission.COMPLIANCE_READ)
    @GetMapping("/frameworks")
    @Operation(summary = "Every framework available to the tenant (built in and imported), and whether it is enabled")
    List<FrameworkView> list(CallContext call) {
        Enablement effective = enablement.effective(call.tenantId());
        return catalog.frameworks(call.scope(), call.tenantId()).stream()
                .map(f -> view(f, effective.frameworkEnabled(f.id())))
                .toList();
    }

    @RequiresPermission(Permission.COMPLIANCE_READ)
    @GetMapping("/frameworks/{frameworkId}")
    @Operation(summary = "One framework's controls, the checks supporting each and pass/fail/NA/error asset counts")
    FrameworkDetail get(CallContext call, @PathVariable String frameworkId) {
        Framework framework = framework(call, frameworkId);
        Map<String, Set<String>> mapped = mapped(call, framework.id());
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        mapped.forEach((control, checks) -> checks.forEach(check -> pairs.add(Map.entry(check, control))));
        Map<String, ResultRows.ControlCounts> counts =
                tx.read(call.scope(), () -> results.controlCounts(call.tenantId(), pairs));
        List<ControlView> controls = new ArrayList<>();
        for (Control control : framework.controls()) {
            ResultRows.ControlCounts c = counts.getOrDefault(control.id(), new ResultRows.ControlCounts());
            controls.add(new ControlView(
                    control.id(),
                    control.title(),
                    control.family(),
                    control.weight(),
                    control.manual(),
                    mapped.getOrDefault(control.id(), Set.of()),
                    c.pass,
                    c.fail,
                    c.notApplicable,
                    c.error));
        }
        return new FrameworkDetail(
                view(framework, enablement.effective(call.tenantId()).frameworkEnabled(framework.id())), controls);
    }

    @RequiresPermission(Permission.COMPLIANCE_READ)
    @GetMapping("/frameworks/{frameworkId}/coverage")
    @Operation(
            summary = "Which controls enabled checks cover, which are manual and which are uncovered, with percentages")
    CoverageReport coverage(CallContext call, @PathVariable String frameworkId) {
        Framework framework = framework(call, frameworkId);
        var content = catalog.forTenant(call.scope(), call.tenantId(), enablement.effective(call.tenantId()));
        return Coverage.of(framework, content.checks().values());
    }

    @RequiresPermission(Permission.COMPLIANCE_READ)
    @GetMapping("/frameworks/{frameworkId}/controls/{controlId}")
    @Operation(summary = "The assets failing a control: each failing check on each asset, by asset name")
    PageResponse<StoredResult> failing(
            CallContext call,
            @PathVariable String frameworkId,
            @PathVariable String controlId,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        Framework framework = framework(call, frameworkId);
        String id = Params.contentId("controlId", controlId);
        if (framework.controls().stream().noneMatch(c -> c.id().equals(id))) {
            throw ApiException.notFound("The control");
        }
        int size = Cursors.limit(limit);
        int offset = Params.offset(cursor);
        Set<String> checks = mapped(call, framework.id()).getOrDefault(id, Set.of());
        List<StoredResult> page = checks.isEmpty()
                ? List.of()
                : tx.read(call.scope(), () -> results.failing(call.tenantId(), checks, offset, size));
        return new PageResponse<>(page, Params.next(offset, size, page.size()));
    }

    @RequiresPermission(Permission.COMPLIANCE_READ)
    @GetMapping(path = "/frameworks/{frameworkId}/export", produces = CompliancePolicyController.YAML)
    @Operation(summary = "A framework in our tenantra/framework@1 format")
    ResponseEntity<String> export(CallContext call, @PathVariable String frameworkId) {
        Framework framework = framework(call, frameworkId);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(CompliancePolicyController.YAML))
                .header("Content-Disposition", "attachment; filename=\"" + framework.id() + ".yaml\"")
                .body(FrameworkFormat.write(framework));
    }

    record FrameworkImport(
            FrameworkView framework, boolean created, io.tenantra.compliance.store.EvaluationRun evaluation) {}

    @RequiresPermission(Permission.COMPLIANCE_WRITE)
    @PostMapping(
            path = "/frameworks",
            consumes = {CompliancePolicyController.YAML, "text/yaml", MediaType.TEXT_PLAIN_VALUE})
    @Operation(summary = "Import (or replace) a framework file (tenantra/framework@1); 422 lists every problem")
    ResponseEntity<FrameworkImport> importFramework(
            CallContext call, @RequestParam(required = false) String fileName, @RequestBody String source) {
        ComplianceFrameworks.ImportedFramework imported =
                frameworks.importFramework(call, fileName == null ? "framework.yaml" : fileName, source);
        return ResponseEntity.status(imported.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(new FrameworkImport(
                        view(
                                imported.framework(),
                                enablement
                                        .effective(call.tenantId())
                                        .frameworkEnabled(imported.framework().id())),
                        imported.created(),
                        imported.evaluation()));
    }

    @RequiresPermission(Permission.COMPLIANCE_WRITE)
    @PostMapping(
            path = "/mappings",
            consumes = {CompliancePolicyController.YAML, "text/yaml", MediaType.TEXT_PLAIN_VALUE})
    @Operation(summary = "Import a file mapping checks to framework controls (tenantra/mappings@1); 409 when repeated")
    ResponseEntity<ComplianceFrameworks.ImportedMappings> importMappings(
            CallContext call, @RequestParam(required = false) String fileName, @RequestBody String source) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(frameworks.importMappings(call, fileName == null ? "mappings.yaml" : fileName, source));
    }

    private Framework framework(CallContext call, String frameworkId) {
        String id = Params.contentId("frameworkId", frameworkId);
        return catalog.frameworks(call.scope(), call.tenantId()).stream()
                .filter(f -> f.id().equals(id))
                .findFirst()
                .orElseThrow(() -> ApiException.notFound("The framework"));
    }

    private Map<String, Set<String>> mapped(CallContext call, String frameworkId) {
        var content = catalog.forTenant(call.scope(), call.tenantId(), enablement.effective(call.tenantId()));
        Map<String, Set<String>> controls = content.controls().get(frameworkId);
        if (controls != null) {
            return controls;
        }
        // A framework the tenant has not enabled: its mappings from the enabled checks still show.
        Map<String, Set<String>> byControl = new java.util.TreeMap<>();
        content.checks()
                .values()
                .forEach(check -> check.frameworks()
                        .getOrDefault(frameworkId, List.of())
                        .forEach(control -> byControl
                                .computeIfAbsent(control, k -> new java.util.TreeSet<>())
                                .add(check.id())));
        return byControl;
    }

    private static FrameworkView view(Framework f, boolean enabled) {
        return new FrameworkView(
                f.id(), f.version(), f.title(), f.publisher(), f.controls().size(), enabled);
    }
}
