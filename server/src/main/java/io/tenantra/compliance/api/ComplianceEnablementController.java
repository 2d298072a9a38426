package io.tenantra.compliance.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tenantra.compliance.content.Policy;
import io.tenantra.compliance.frameworks.Framework;
import io.tenantra.compliance.store.ComplianceEnablement;
import io.tenantra.compliance.store.ComplianceEvaluator;
import io.tenantra.compliance.store.ContentCatalog;
import io.tenantra.compliance.store.Enablement;
import io.tenantra.compliance.store.EnablementRows;
import io.tenantra.compliance.store.EvaluationRun;
import io.tenantra.compliance.store.ReEvaluations;
import io.tenantra.identity.Permission;
import io.tenantra.identity.RequiresPermission;
import io.tenantra.platform.context.CallContext;
import io.tenantra.platform.context.TenantScope;
import io.tenantra.platform.web.ApiException;
import io.tenantra.tenancy.TenantHierarchy;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** What a tenant evaluates (own choice and the effective one inherited down the tree), and re-evaluation runs. */
@RestController
@RequestMapping(path = "/api/v1/tenants/{tenantId}/compliance", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Compliance")
class ComplianceEnablementController {

    static final int MAX_ENTRIES = 500;

    private final ComplianceEnablement enablement;
    private final ContentCatalog catalog;
    private final ReEvaluations reEvaluations;
    private final TenantHierarchy hierarchy;

    ComplianceEnablementController(
            ComplianceEnablement enablement,
            ContentCatalog catalog,
            ReEvaluations reEvaluations,
            TenantHierarchy hierarchy) {
        this.enablement = enablement;
        this.catalog = catalog;
        this.reEvaluations = reEvaluations;
        this.hierarchy = hierarchy;
    }

    /** The tenant's own lists (null: inherit) as sent and stored. */
    record Own(List<String> frameworks, List<String> policies) {}

    /**
     * What applies: lists expanded, and which tenant decided each (null: nobody, the default of everything).
     */
    record Effective(
            List<String> frameworks,
            UUID frameworksFrom,
            List<String> policies,
            UUID policiesFrom,
            List<String> modules) {}

    record View(Own own, Effective effective, EvaluationRun evaluation) {}

    @RequiresPermission(Permission.COMPLIANCE_READ)
    @GetMapping("/enablement")
    @Operation(
            summary = "The tenant's own choice of frameworks and built-in policies, and the effective one (inherited)")
    View get(CallContext call) {
        return view(call, null);
    }

    @RequiresPermission(Permission.COMPLIANCE_WRITE)
    @PutMapping(path = "/enablement", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Set the tenant's own frameworks and built-in policies (null: inherit from the parent);"
                    + " re-evaluates the tenant and the tenants below it from stored facts")
    View put(CallContext call, @RequestBody Own request) {
        if (request == null) {
            throw ApiException.invalid("body", "is required");
        }
        Set<String> knownFrameworks = new LinkedHashSet<>();
        catalog.frameworks(call.scope(), call.tenantId()).forEach(f -> knownFrameworks.add(f.id()));
        Set<String> knownPolicies = new LinkedHashSet<>();
        catalog.builtInPolicies().forEach(p -> knownPolicies.add(p.id()));
        List<String> frameworks = validated("frameworks", request.frameworks(), knownFrameworks);
        List<String> policies = validated("policies", request.policies(), knownPolicies);
        EvaluationRun[] own = new EvaluationRun[1];
        enablement.put(call, frameworks, policies, () -> {
            own[0] = reEvaluations.request(call, "enablement changed");
            // Tenants below inherit unless they chose for themselves, whoever may administer them:
            // the system re-judges them (a run that finds nothing changed costs one pass).
            for (UUID below : hierarchy.subtree(call.tenantId())) {
                if (!below.equals(call.tenantId())) {
                    reEvaluations.request(
                            CallContext.system(ComplianceEvaluator.ACTOR, TenantScope.of(below), below, call.at()),
                            "enablement of a parent changed");
                }
            }
        });
        return view(call, own[0]);
    }

    @RequiresPermission(Permission.COMPLIANCE_READ)
    @GetMapping("/evaluations/{evaluationId}")
    @Operation(summary = "A re-evaluation run: state (queued, running, completed, failed), total and done")
    EvaluationRun evaluation(CallContext call, @PathVariable UUID evaluationId) {
        return reEvaluations
                .find(call.scope(), call.tenantId(), evaluationId)
                .orElseThrow(() -> ApiException.notFound("The evaluation"));
    }

    private View view(CallContext call, EvaluationRun run) {
        EnablementRows.OwnEnablement own = enablement.own(call.scope(), call.tenantId());
        Enablement effective = enablement.effective(call.tenantId());
        List<String> frameworks = effective.frameworks() != null
                ? effective.frameworks()
                : catalog.frameworks(call.scope(), call.tenantId()).stream()
                        .map(Framework::id)
                        .toList();
        List<String> policies = effective.policies() != null
                ? effective.policies()
                : catalog.builtInPolicies().stream().map(Policy::id).toList();
        return new View(
                new Own(own.frameworks(), own.policies()),
                new Effective(
                        frameworks,
                        effective.frameworksFrom(),
                        policies,
                        effective.policiesFrom(),
                        effective.modules()),
                run);
    }

    private static List<String> validated(String field, List<String> values, Set<String> known) {
        if (values == null) {
            return null;
        }
        if (values.size() > MAX_ENTRIES) {
            throw ApiException.invalid(field, "must have at most " + MAX_ENTRIES + " entries");
        }
        List<String> result = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            if (value == null || !known.contains(value)) {
                throw ApiException.invalid(field + "[" + i + "]", "is not a known id");
            }
            if (!result.contains(value)) {
                result.add(value);
            }
        }
        return List.copyOf(result);
    }
}
