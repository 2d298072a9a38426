package io.tenantra.compliance.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tenantra.compliance.content.CheckFormat;
import io.tenantra.compliance.content.Policy;
import io.tenantra.compliance.store.ComplianceEnablement;
import io.tenantra.compliance.store.CompliancePolicies;
import io.tenantra.compliance.store.ContentCatalog;
import io.tenantra.compliance.store.Enablement;
import io.tenantra.compliance.store.EvaluationRun;
import io.tenantra.compliance.store.PolicyRows;
import io.tenantra.identity.Permission;
import io.tenantra.identity.RequiresPermission;
import io.tenantra.platform.context.CallContext;
import io.tenantra.platform.web.ApiException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The policy library: built-in and imported policies, import, export, enable, command rules. */
@RestController
@RequestMapping(path = "/api/v1/tenants/{tenantId}/compliance/policies", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Compliance")
class CompliancePolicyController {

    static final String YAML = "application/yaml";

    private final CompliancePolicies policies;
    private final ContentCatalog catalog;
    private final ComplianceEnablement enablement;
    private final JsonMapper json;

    CompliancePolicyController(
            CompliancePolicies policies, ContentCatalog catalog, ComplianceEnablement enablement, JsonMapper json) {
        this.policies = policies;
        this.catalog = catalog;
        this.enablement = enablement;
        this.json = json;
    }

    /**
     * A policy as the library lists it.
     *
     * @param origin {@code BUILT_IN}, {@code IMPORTED_TENANTRA} or {@code IMPORTED_WAZUH}
     * @param enabled built-in: by the tenant's effective enablement; imported: the policy's own switch
     * @param problems rules that could not be imported (each with file, line, field, message)
     */
    record PolicyView(
            String id,
            String version,
            String title,
            String origin,
            String format,
            String fileName,
            int checks,
            boolean commandRules,
            boolean enabled,
            boolean commandRulesEnabled,
            JsonNode problems,
            Instant importedAt,
            UUID importedBy) {}

    record ImportResult(PolicyView policy, EvaluationRun evaluation) {}

    record EnableRequest(Boolean enabled, String version) {}

    @RequiresPermission(Permission.COMPLIANCE_READ)
    @GetMapping
    @Operation(summary = "Built-in policies (enabled per the tenant's enablement) and every imported policy version")
    List<PolicyView> list(CallContext call) {
        Enablement effective = enablement.effective(call.tenantId());
        List<PolicyView> views = new ArrayList<>();
        for (Policy policy : catalog.builtInPolicies()) {
            boolean commandRules = policy.checks().stream().anyMatch(c -> c.commandRules());
            views.add(new PolicyView(
                    policy.id(),
                    policy.version(),
                    policy.title(),
                    policy.origin().name(),
                    "tenantra",
                    null,
                    policy.checks().size(),
                    commandRules,
                    effective.builtInPolicyEnabled(policy.id()),
                    commandRules,
                    json.valueToTree(List.of()),
                    null,
                    null));
        }
        catalog.imported(call.scope(), call.tenantId()).forEach(p -> views.add(view(p.row())));
        return views;
    }

    @RequiresPermission(Permission.COMPLIANCE_WRITE)
    @PostMapping(consumes = {YAML, "text/yaml", MediaType.TEXT_PLAIN_VALUE})
    @Operation(
            summary = "Import a policy file (our tenantra/checks@1 format or a Wazuh SCA policy, detected unless"
                    + " format= says); 422 lists every problem with file, line and field; 409 for a version already"
                    + " imported. Command rules stay off until allowed.")
    ResponseEntity<ImportResult> importPolicy(
            CallContext call,
            @RequestParam(required = false) String fileName,
            @RequestParam(required = false) String format,
            @RequestParam(required = false) Boolean enabled,
            @RequestBody String source) {
        if (format != null && !format.equals("tenantra") && !format.equals("wazuh")) {
            throw ApiException.invalid("format", "must be tenantra or wazuh");
        }
        CompliancePolicies.Imported imported = policies.importPolicy(
                call, fileName == null ? "policy.yaml" : fileName, source, format, enabled == null || enabled);
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(new ImportResult(view(imported.policy()), imported.evaluation()));
    }

    @RequiresPermission(Permission.COMPLIANCE_READ)
    @GetMapping(path = "/{policyId}/export", produces = YAML)
    @Operation(summary = "A policy in our format (an import in our format: exactly the file imported)")
    ResponseEntity<String> export(
            CallContext call, @PathVariable String policyId, @RequestParam(required = false) String version) {
        String id = Params.contentId("policyId", policyId);
        String text = catalog.builtInPolicies().stream()
                .filter(p -> p.id().equals(id))
                .findFirst()
                .map(CheckFormat::write)
                .orElseGet(() -> {
                    PolicyRows.PolicyRow row = policies.pick(call, id, Params.text("version", version));
                    return "tenantra".equals(row.format())
                            ? row.source()
                            : CheckFormat.write(catalog.imported(call.scope(), call.tenantId()).stream()
                                    .filter(p -> p.row().equals(row))
                                    .findFirst()
                                    .orElseThrow()
                                    .policy());
                });
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(YAML))
                .header("Content-Disposition", "attachment; filename=\"" + id + ".yaml\"")
                .body(text);
    }

    @RequiresPermission(Permission.COMPLIANCE_WRITE)
    @PatchMapping(path = "/{policyId}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Switch an imported policy on or off (one version of a policy runs at a time)")
    ImportResult patch(CallContext call, @PathVariable String policyId, @RequestBody EnableRequest request) {
        String id = builtInRefused(Params.contentId("policyId", policyId));
        if (request == null || request.enabled() == null) {
            throw ApiException.invalid("enabled", "is required");
        }
        CompliancePolicies.Imported result =
                policies.setEnabled(call, id, Params.text("version", request.version()), request.enabled());
        return new ImportResult(view(result.policy()), result.evaluation());
    }

    @RequiresPermission(Permission.COMPLIANCE_COMMANDS_ENABLE)
    @PostMapping(path = "/{policyId}/command-rules", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Allow or forbid the command rules of an imported policy to run on the tenant's endpoints")
    ImportResult commandRules(CallContext call, @PathVariable String policyId, @RequestBody EnableRequest request) {
        String id = builtInRefused(Params.contentId("policyId", policyId));
        if (request == null || request.enabled() == null) {
            throw ApiException.invalid("enabled", "is required");
        }
        CompliancePolicies.Imported result =
                policies.setCommandRules(call, id, Params.text("version", request.version()), request.enabled());
        return new ImportResult(view(result.policy()), result.evaluation());
    }

    private String builtInRefused(String id) {
        if (catalog.builtInPolicies().stream().anyMatch(p -> p.id().equals(id))) {
            throw ApiException.conflict("Built-in policies are switched on and off in the tenant's enablement.");
        }
        return id;
    }

    private PolicyView view(PolicyRows.PolicyRow row) {
        return new PolicyView(
                row.policyId(),
                row.version(),
                row.title(),
                row.origin(),
                row.format(),
                row.fileName(),
                row.checkCount(),
                row.commandRules(),
                row.enabled(),
                row.commandRulesEnabled(),
                json.readTree(row.problems()),
                row.importedAt(),
                row.importedBy());
    }
}
