package io.tenantra.compliance.web;

import io.tenantra.compliance.content.Policy;
import io.tenantra.compliance.store.ComplianceEnablement;
import io.tenantra.compliance.store.CompliancePolicies;
import io.tenantra.compliance.store.ContentCatalog;
import io.tenantra.compliance.store.Enablement;
import io.tenantra.compliance.store.EvaluationRun;
import io.tenantra.compliance.store.PolicyRows;
import io.tenantra.compliance.store.ReEvaluations;
import io.tenantra.console.ConsoleForms;
import io.tenantra.console.TenantChoices;
import io.tenantra.identity.CallContexts;
import io.tenantra.identity.CurrentUser;
import io.tenantra.identity.Permission;
import io.tenantra.identity.RequiresPermission;
import io.tenantra.platform.context.CallContext;
import io.tenantra.platform.web.ApiException;
import io.tenantra.platform.web.ProblemType;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The policy library in the console: built-in and imported policies, the import form (file or
 * pasted text, our format or Wazuh SCA) with the problems of each import by line, switching
 * imported policies on and off, allowing command rules (only to holders of
 * COMPLIANCE_COMMANDS_ENABLE), and the progress of the re-evaluation a change starts, polled by
 * htmx. Every step calls the facades the API calls, so validation and audit are the API's.
 */
@Controller
class LibraryPageController {

    private static final TypeReference<List<Map<String, Object>>> PROBLEMS = new TypeReference<>() {};

    private final ContentCatalog catalog;
    private final ComplianceEnablement enablement;
    private final CompliancePolicies policies;
    private final ReEvaluations reEvaluations;
    private final CallContexts calls;
    private final TenantChoices choices;
    private final JsonMapper json;

    LibraryPageController(
            ContentCatalog catalog,
            ComplianceEnablement enablement,
            CompliancePolicies policies,
            ReEvaluations reEvaluations,
            CallContexts calls,
            TenantChoices choices,
            JsonMapper json) {
        this.catalog = catalog;
        this.enablement = enablement;
        this.policies = policies;
        this.reEvaluations = reEvaluations;
        this.calls = calls;
        this.choices = choices;
        this.json = json;
    }

    /** One row of the library: a built-in policy or one imported version, with its problems. */
    record PolicyRow(
            String id,
            String version,
            String title,
            boolean builtIn,
            String format,
            int checks,
            boolean enabled,
            boolean commandRules,
            boolean commandRulesEnabled,
            List<Map<String, Object>> problems) {}

    @RequiresPermission(Permission.COMPLIANCE_READ)
    @GetMapping("/compliance/library")
    String library(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam(name = "tenant", required = false) UUID tenantId,
            Model model) {
        populate(user, tenantId, model);
        return "compliance/library";
    }

    @RequiresPermission(Permission.COMPLIANCE_WRITE)
    @PostMapping("/compliance/library")
    String importPolicy(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam(name = "tenant") UUID tenantId,
            @RequestParam(required = false) String format,
            @RequestParam(required = false) String source,
            @RequestParam(required = false) MultipartFile file,
            HttpServletRequest request,
            Model model) {
        CallContext call = calls.require(user, tenantId, Permission.COMPLIANCE_WRITE, request)
                .call();
        boolean uploaded = file != null && !file.isEmpty();
        String text = source;
        String fileName = "pasted.yaml";
        try {
            if (uploaded) {
                text = new String(file.getBytes(), StandardCharsets.UTF_8);
                fileName = file.getOriginalFilename() == null ? "uploaded.yaml" : file.getOriginalFilename();
            }
            if (text == null || text.isBlank()) {
                throw ApiException.invalid("source", "choose a file or paste a policy");
            }
            String chosen = format == null || format.isBlank() ? null : format;
            if (chosen != null && !chosen.equals("tenantra") && !chosen.equals("wazuh")) {
                throw ApiException.invalid("format", "must be tenantra or wazuh");
            }
            CompliancePolicies.Imported imported = policies.importPolicy(call, fileName, text, chosen, true);
            model.addAttribute("imported", row(imported.policy()));
            model.addAttribute("evaluation", imported.evaluation());
        } catch (IOException e) {
            model.addAttribute("error", "The uploaded file could not be read.");
        } catch (ApiException e) {
            refuseAccess(e);
            model.addAttribute("error", ConsoleForms.message(e));
            model.addAttribute("source", uploaded ? "" : text);
        }
        populate(user, tenantId, model);
        return "compliance/library";
    }

    @RequiresPermission(Permission.COMPLIANCE_WRITE)
    @PostMapping("/compliance/library/{policyId}/enabled")
    String setEnabled(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable String policyId,
            @RequestParam(name = "tenant") UUID tenantId,
            @RequestParam String version,
            @RequestParam boolean enabled,
            HttpServletRequest request,
            Model model) {
        CallContext call = calls.require(user, tenantId, Permission.COMPLIANCE_WRITE, request)
                .call();
        return toggled(user, tenantId, model, () -> policies.setEnabled(call, policyId, version, enabled));
    }

    @RequiresPermission(Permission.COMPLIANCE_COMMANDS_ENABLE)
    @PostMapping("/compliance/library/{policyId}/command-rules")
    String setCommandRules(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable String policyId,
            @RequestParam(name = "tenant") UUID tenantId,
            @RequestParam String version,
            @RequestParam boolean enabled,
            HttpServletRequest request,
            Model model) {
        CallContext call = calls.require(user, tenantId, Permission.COMPLIANCE_COMMANDS_ENABLE, request)
                .call();
        return toggled(user, tenantId, model, () -> policies.setCommandRules(call, policyId, version, enabled));
    }

    /**
     * Applies a policy switch and shows the library again: with the re-evaluation it queued, or
     * with the refusal explained (an access refusal still becomes the 403/404 page).
     */
    private String toggled(
            CurrentUser user,
            UUID tenantId,
            Model model,
            java.util.function.Supplier<CompliancePolicies.Imported> change) {
        try {
            model.addAttribute("evaluation", change.get().evaluation());
        } catch (ApiException e) {
            refuseAccess(e);
            model.addAttribute("error", ConsoleForms.message(e));
        }
        populate(user, tenantId, model);
        return "compliance/library";
    }

    @RequiresPermission(Permission.COMPLIANCE_READ)
    @GetMapping("/compliance/library/evaluations/{id}")
    String evaluation(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable UUID id,
            @RequestParam(name = "tenant") UUID tenantId,
            HttpServletRequest request,
            Model model) {
        CallContext call = calls.require(user, tenantId, Permission.COMPLIANCE_READ, request)
                .call();
        EvaluationRun run = reEvaluations
                .find(call.scope(), tenantId, id)
                .orElseThrow(() -> ApiException.notFound("The evaluation"));
        model.addAttribute("tenantId", tenantId);
        model.addAttribute("evaluation", run);
        return "compliance/library :: progress";
    }

    private void populate(CurrentUser user, UUID requested, Model model) {
        TenantChoices.Chosen tenant = choices.choose(user, Permission.COMPLIANCE_READ, requested, model);
        if (tenant == null) {
            return;
        }
        Enablement effective = enablement.effective(tenant.id());
        List<PolicyRow> rows = new ArrayList<>();
        for (Policy policy : catalog.builtInPolicies()) {
            boolean commands = policy.checks().stream().anyMatch(c -> c.commandRules());
            rows.add(new PolicyRow(
                    policy.id(),
                    policy.version(),
                    policy.title(),
                    true,
                    "tenantra",
                    policy.checks().size(),
                    effective.builtInPolicyEnabled(policy.id()),
                    commands,
                    commands,
                    List.of()));
        }
        catalog.imported(tenant.scope(), tenant.id()).forEach(p -> rows.add(row(p.row())));
        model.addAttribute("tenantId", tenant.id());
        model.addAttribute("policies", rows);
        model.addAttribute("canWrite", tenant.holds(Permission.COMPLIANCE_WRITE));
        model.addAttribute("canAllowCommands", tenant.holds(Permission.COMPLIANCE_COMMANDS_ENABLE));
    }

    private PolicyRow row(PolicyRows.PolicyRow p) {
        return new PolicyRow(
                p.policyId(),
                p.version(),
                p.title(),
                false,
                p.format(),
                p.checkCount(),
                p.enabled(),
                p.commandRules(),
                p.commandRulesEnabled(),
                p.problems() == null ? List.of() : json.readValue(p.problems(), PROBLEMS));
    }

    /** Access problems keep their status (404 / 403 pages); everything else is shown on the form. */
    private static void refuseAccess(ApiException e) {
        if (e.type() == ProblemType.NOT_FOUND || e.type() == ProblemType.FORBIDDEN) {
            throw e;
        }
    }
}
