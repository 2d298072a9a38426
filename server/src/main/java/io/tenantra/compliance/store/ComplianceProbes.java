package io.tenantra.compliance.store;

import io.tenantra.agents.LatestFacts;
import io.tenantra.agents.ProbeSource;
import io.tenantra.compliance.content.Applicability;
import io.tenantra.compliance.content.Check;
import io.tenantra.compliance.content.Policy;
import io.tenantra.compliance.content.ProbeRule;
import io.tenantra.compliance.content.Probes;
import io.tenantra.compliance.content.Rule;
import io.tenantra.model.Probe;
import io.tenantra.model.ProbeKind;
import io.tenantra.platform.context.CallContext;
import io.tenantra.platform.context.TenantScope;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The probes an agent's next job carries: those of every enabled check (and of the requirements
 * of its policy) that can apply to the agent's operating system family. Command probes come only
 * from built-in content or from imported policies whose command rules an administrator allowed;
 * the agents module signs what this returns, so nothing else can make an endpoint run a command.
 */
@Component
class ComplianceProbes implements ProbeSource {

    private final ComplianceEnablement enablement;
    private final ContentCatalog catalog;
    private final LatestFacts facts;

    ComplianceProbes(ComplianceEnablement enablement, ContentCatalog catalog, LatestFacts facts) {
        this.enablement = enablement;
        this.catalog = catalog;
        this.facts = facts;
    }

    @Override
    public List<Probe> probesFor(CallContext call, UUID tenantId, UUID agentId) {
        TenantScope scope = TenantScope.of(tenantId);
        String family = facts.assets(scope, tenantId, List.of(agentId)).stream()
                .findFirst()
                .map(LatestFacts.Asset::osFamily)
                .orElse(null);
        if (family == null) {
            return List.of(); // revoked or unknown: nothing to ask
        }
        ContentCatalog.TenantContent content = catalog.forTenant(scope, tenantId, enablement.effective(tenantId));
        Map<String, Probe> probes = new LinkedHashMap<>();
        for (Policy policy : content.policies()) {
            if (!applies(policy.requirements(), family)) {
                continue;
            }
            boolean commandsAllowed = !content.commandsBlocked().contains(policy.id());
            List<Probe> needed = new java.util.ArrayList<>();
            policy.requirements().files().forEach(file -> needed.add(Probes.fileExists(file)));
            for (Rule rule : requirementRules(policy.requirements())) {
                if (rule instanceof ProbeRule probeRule) {
                    needed.add(probeRule.probe());
                }
            }
            for (Check check : policy.checks()) {
                if (check.supported() && applies(check.applicability(), family)) {
                    needed.addAll(Probes.of(check));
                }
            }
            for (Probe probe : needed) {
                if (probe.kind() != ProbeKind.COMMAND || commandsAllowed) {
                    probes.putIfAbsent(probe.id(), probe);
                }
            }
        }
        return List.copyOf(probes.values());
    }

    static boolean applies(Applicability applicability, String family) {
        return applicability.osFamilies().isEmpty()
                || applicability.osFamilies().contains(family);
    }

    private static List<Rule> requirementRules(Applicability applicability) {
        return applicability.requirement() == null
                ? List.of()
                : applicability.requirement().rules();
    }
}
