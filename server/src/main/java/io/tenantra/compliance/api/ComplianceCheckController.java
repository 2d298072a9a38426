package io.tenantra.compliance.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tenantra.compliance.content.Check;
import io.tenantra.compliance.content.Policy;
import io.tenantra.compliance.store.ComplianceEnablement;
import io.tenantra.compliance.store.ContentCatalog;
import io.tenantra.compliance.store.Enablement;
import io.tenantra.identity.Permission;
import io.tenantra.identity.RequiresPermission;
import io.tenantra.platform.context.CallContext;
import io.tenantra.platform.web.ApiException;
import io.tenantra.platform.web.Cursors;
import io.tenantra.platform.web.PageResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The check library: every check of the built-in and imported policies, searchable. */
@RestController
@RequestMapping(path = "/api/v1/tenants/{tenantId}/compliance/checks", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Compliance")
class ComplianceCheckController {

    private final ContentCatalog catalog;
    private final ComplianceEnablement enablement;

    ComplianceCheckController(ContentCatalog catalog, ComplianceEnablement enablement) {
        this.catalog = catalog;
        this.enablement = enablement;
    }

    record CheckSummary(
            String id,
            int version,
            String title,
            String severity,
            String policyId,
            String policyVersion,
            String origin,
            boolean enabled,
            boolean supported,
            boolean commandRules,
            Map<String, List<String>> frameworks) {}

    record CheckDetail(CheckSummary summary, Check check) {}

    @RequiresPermission(Permission.COMPLIANCE_READ)
    @GetMapping
    @Operation(
            summary = "Checks of every built-in and imported policy, filtered by text (q) and policy, by policy and id")
    PageResponse<CheckSummary> list(
            CallContext call,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String policy,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        int size = Cursors.limit(limit);
        int offset = Params.offset(cursor);
        String needle = Params.text("q", q);
        String policyId = Params.contentId("policy", policy);
        List<CheckSummary> matching = new ArrayList<>();
        for (CheckDetail detail : all(call)) {
            CheckSummary s = detail.summary();
            if (policyId != null && !policyId.equals(s.policyId())) {
                continue;
            }
            if (needle != null && !contains(s.id(), needle) && !contains(s.title(), needle)) {
                continue;
            }
            matching.add(s);
        }
        List<CheckSummary> page =
                matching.subList(Math.min(offset, matching.size()), Math.min(offset + size, matching.size()));
        return new PageResponse<>(
                page, offset + size < matching.size() ? Cursors.encode(Integer.toString(offset + size)) : null);
    }

    @RequiresPermission(Permission.COMPLIANCE_READ)
    @GetMapping("/{checkId}")
    @Operation(summary = "One check as content: rules, applicability, remediation, references, framework mappings")
    CheckDetail get(CallContext call, @PathVariable String checkId) {
        String id = Params.contentId("checkId", checkId);
        return all(call).stream()
                .filter(d -> d.summary().id().equals(id))
                .findFirst()
                .orElseThrow(() -> ApiException.notFound("The check"));
    }

    private List<CheckDetail> all(CallContext call) {
        Enablement effective = enablement.effective(call.tenantId());
        List<CheckDetail> details = new ArrayList<>();
        for (Policy policy : catalog.builtInPolicies()) {
            boolean enabled = effective.builtInPolicyEnabled(policy.id());
            policy.checks().forEach(c -> details.add(detail(policy, c, enabled)));
        }
        for (ContentCatalog.ImportedPolicy imported : catalog.imported(call.scope(), call.tenantId())) {
            imported.policy()
                    .checks()
                    .forEach(c -> details.add(
                            detail(imported.policy(), c, imported.row().enabled())));
        }
        return details;
    }

    private static CheckDetail detail(Policy policy, Check check, boolean enabled) {
        return new CheckDetail(
                new CheckSummary(
                        check.id(),
                        check.version(),
                        check.title(),
                        check.severity() == null ? null : check.severity().name(),
                        policy.id(),
                        policy.version(),
                        policy.origin().name(),
                        enabled,
                        check.supported(),
                        check.commandRules(),
                        check.frameworks()),
                check);
    }

    private static boolean contains(String text, String needle) {
        return text != null && text.toLowerCase(Locale.ROOT).contains(needle.toLowerCase(Locale.ROOT));
    }
}
