package io.tenantra.compliance.store;

import io.tenantra.compliance.content.BuiltInContent;
import io.tenantra.compliance.content.Check;
import io.tenantra.compliance.content.CheckFormat;
import io.tenantra.compliance.content.Policy;
import io.tenantra.compliance.content.PolicyOrigin;
import io.tenantra.compliance.content.wazuh.WazuhPolicyImporter;
import io.tenantra.compliance.frameworks.Framework;
import io.tenantra.compliance.frameworks.FrameworkFormat;
import io.tenantra.compliance.frameworks.FrameworkLibrary;
import io.tenantra.compliance.frameworks.FrameworkMapping;
import io.tenantra.compliance.frameworks.Frameworks;
import io.tenantra.compliance.frameworks.Mappings;
import io.tenantra.database.TenantTransactions;
import io.tenantra.platform.context.TenantScope;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * The content one tenant sees: built-in policies and frameworks plus what the tenant imported,
 * narrowed by its effective {@link Enablement}. Imported files are stored as source text and
 * parsed here (each distinct text once, kept in a small cache keyed by its digest), so what is
 * evaluated is always exactly what was imported and exported.
 */
@Service
public class ContentCatalog {

    private static final int PARSED_CACHE_SIZE = 256;

    private final BuiltInContent builtIn;
    private final FrameworkLibrary library;
    private final PolicyRows policyRows;
    private final FrameworkRows frameworkRows;
    private final MappingFiles mappingFiles;
    private final TenantTransactions tx;
    private final Map<String, Object> parsed = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Object> eldest) {
            return size() > PARSED_CACHE_SIZE;
        }
    });

    // Built content per tenant; a few hundred tenants' worth, the least recently used dropped.
    private final Map<ContentKey, TenantContent> built =
            Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<ContentKey, TenantContent> eldest) {
                    return size() > BUILT_CACHE_SIZE;
                }
            });

    private static final int BUILT_CACHE_SIZE = 256;

    ContentCatalog(
            BuiltInContent builtIn,
            FrameworkLibrary library,
            PolicyRows policyRows,
            FrameworkRows frameworkRows,
            MappingFiles mappingFiles,
            TenantTransactions tx) {
        this.builtIn = builtIn;
        this.library = library;
        this.policyRows = policyRows;
        this.frameworkRows = frameworkRows;
        this.mappingFiles = mappingFiles;
        this.tx = tx;
    }

    /** An imported policy: its stored row and the parsed content. */
    public record ImportedPolicy(PolicyRows.PolicyRow row, Policy policy) {

        /** Command rules present but not allowed to run for the tenant yet. */
        public boolean commandsBlocked() {
            return row.commandRules() && !row.commandRulesEnabled();
        }
    }

    /**
     * What to evaluate for a tenant.
     *
     * @param policies enabled policies, built-in first
     * @param commandsBlocked ids of enabled imported policies whose command rules may not run
     * @param frameworks enabled frameworks
     * @param controls framework id → control id → ids of the checks mapped to it
     */
    public record TenantContent(
            List<Policy> policies,
            Set<String> commandsBlocked,
            List<Framework> frameworks,
            Map<String, Map<String, Set<String>>> controls) {

        // Shared by every caller through the catalog's cache, so nothing in it may change.
        public TenantContent {
            policies = List.copyOf(policies);
            commandsBlocked = Set.copyOf(commandsBlocked);
            frameworks = List.copyOf(frameworks);
            Map<String, Map<String, Set<String>>> frozen = new TreeMap<>();
            controls.forEach((framework, byControl) -> {
                Map<String, Set<String>> inner = new TreeMap<>();
                byControl.forEach(
                        (control, checks) -> inner.put(control, Collections.unmodifiableSet(new TreeSet<>(checks))));
                frozen.put(framework, Collections.unmodifiableMap(inner));
            });
            controls = Collections.unmodifiableMap(frozen);
        }

        /** Every enabled check by id (the first policy declaring an id wins). */
        public Map<String, Check> checks() {
            Map<String, Check> checks = new LinkedHashMap<>();
            for (Policy policy : policies) {
                for (Check check : policy.checks()) {
                    checks.putIfAbsent(check.id(), check);
                }
            }
            return checks;
        }

        public Optional<Framework> framework(String id) {
            return frameworks.stream().filter(f -> f.id().equals(id)).findFirst();
        }
    }

    public List<Policy> builtInPolicies() {
        return builtIn.policies();
    }

    /** The tenant's imported policies, every version. */
    public List<ImportedPolicy> imported(TenantScope scope, UUID tenantId) {
        return tx.read(scope, () -> policyRows.all(tenantId)).stream()
                .map(row -> new ImportedPolicy(row, parse(row)))
                .toList();
    }

    /**
     * Built-in frameworks, the tenant's imported ones (an import replaces a built-in of its id),
     * and a derived framework for every other id that a built-in or enabled imported check maps
     * to (NIS2, GDPR… from Wazuh content: controls taken from the mappings).
     */
    public List<Framework> frameworks(TenantScope scope, UUID tenantId) {
        // With everything enabled no framework is filtered out: the cached content has them all.
        return forTenant(scope, tenantId, EVERYTHING).frameworks();
    }

    private static final Enablement EVERYTHING = new Enablement(null, null, null, null, null);

    private List<Framework> frameworks(TenantScope scope, UUID tenantId, List<Policy> policies) {
        Map<String, Framework> byId = new TreeMap<>();
        library.frameworks().forEach(f -> byId.put(f.id(), f));
        for (FrameworkRows.SourceRow row : tx.read(scope, () -> frameworkRows.frameworks(tenantId))) {
            Framework framework = (Framework) parsed.computeIfAbsent(
                    "f:" + row.sha256(), k -> FrameworkFormat.parse(row.fileName(), row.source()));
            byId.put(framework.id(), framework);
        }
        List<Check> checks = new ArrayList<>();
        policies.forEach(p -> checks.addAll(p.checks()));
        for (String id : Frameworks.mappedFrameworkIds(checks)) {
            byId.computeIfAbsent(id, k -> Frameworks.derived(k, checks));
        }
        return List.copyOf(byId.values());
    }

    /**
     * The content evaluated for {@code tenantId} under {@code enablement}. Building it parses and
     * merges every policy, mapping and framework, so the result is cached under the tenant, the
     * enablement and the fingerprint of what the tenant imported (one small query): a page or the
     * summary endpoint pays for the query, not the build.
     */
    public TenantContent forTenant(TenantScope scope, UUID tenantId, Enablement enablement) {
        String fingerprint = tx.read(scope, () -> policyRows.contentFingerprint(tenantId));
        ContentKey key = new ContentKey(tenantId, enablement, fingerprint);
        TenantContent cached = built.get(key);
        if (cached != null) {
            return cached;
        }
        TenantContent content = build(scope, tenantId, enablement);
        built.put(key, content);
        return content;
    }

    private record ContentKey(UUID tenantId, Enablement enablement, String fingerprint) {}

    private TenantContent build(TenantScope scope, UUID tenantId, Enablement enablement) {
        Set<String> blocked = new HashSet<>();
        List<Policy> all = mapped(policies(scope, tenantId, null, new HashSet<>()), scope, tenantId);
        List<Policy> enabled = mapped(policies(scope, tenantId, enablement, blocked), scope, tenantId);
        List<Framework> frameworks = frameworks(scope, tenantId, all).stream()
                .filter(f -> enablement.frameworkEnabled(f.id()))
                .toList();
        Map<String, Map<String, Set<String>>> controls = new TreeMap<>();
        for (Framework framework : frameworks) {
            controls.put(framework.id(), new TreeMap<>());
        }
        for (Policy policy : enabled) {
            for (Check check : policy.checks()) {
                check.frameworks().forEach((framework, ids) -> map(controls, framework, ids, check.id()));
            }
        }
        return new TenantContent(List.copyOf(enabled), Set.copyOf(blocked), frameworks, controls);
    }

    /**
     * Built-in policies enabled by {@code enablement} (all when null) and the tenant's enabled
     * imports; adds to {@code blocked} the imports whose command rules may not run.
     */
    private List<Policy> policies(TenantScope scope, UUID tenantId, Enablement enablement, Set<String> blocked) {
        List<Policy> policies = new ArrayList<>();
        Set<String> builtInIds = new HashSet<>();
        for (Policy policy : builtIn.policies()) {
            builtInIds.add(policy.id());
            if (enablement == null || enablement.builtInPolicyEnabled(policy.id())) {
                policies.add(policy);
            }
        }
        for (ImportedPolicy imported : imported(scope, tenantId)) {
            if (imported.row().enabled()
                    && !builtInIds.contains(imported.policy().id())) {
                policies.add(imported.policy());
                if (imported.commandsBlocked()) {
                    blocked.add(imported.policy().id());
                }
            }
        }
        return policies;
    }

    private List<Policy> mapped(List<Policy> policies, TenantScope scope, UUID tenantId) {
        List<FrameworkMapping> mappings = mappingFiles.entries(scope, tenantId);
        return policies.stream().map(p -> withMappings(p, mappings)).toList();
    }

    /** The policy with the tenant's imported mappings added to its checks' own (scoring and coverage read both). */
    static Policy withMappings(Policy policy, List<FrameworkMapping> mappings) {
        if (mappings.isEmpty()) {
            return policy;
        }
        return new Policy(
                policy.id(),
                policy.version(),
                policy.title(),
                policy.description(),
                policy.origin(),
                policy.requirements(),
                policy.variables(),
                Mappings.apply(policy.id(), policy.checks(), mappings),
                policy.problems());
    }

    private static void map(
            Map<String, Map<String, Set<String>>> controls, String framework, List<String> controlIds, String check) {
        Map<String, Set<String>> ofFramework = controls.get(framework);
        if (ofFramework == null) {
            return; // framework not enabled (or unknown): the mapping has nothing to score
        }
        for (String control : controlIds) {
            ofFramework.computeIfAbsent(control, c -> new TreeSet<>()).add(check);
        }
    }

    /** Parses a stored import again (it parsed when imported, so failing now is a bug, not input). */
    Policy parse(PolicyRows.PolicyRow row) {
        return (Policy) parsed.computeIfAbsent(
                "p:" + row.sourceSha256(),
                k -> "wazuh".equals(row.format())
                        ? WazuhPolicyImporter.parse(row.fileName(), row.source())
                        : CheckFormat.parse(row.fileName(), row.source(), PolicyOrigin.IMPORTED_TENANTRA));
    }
}
