package io.tenantra.compliance.store;

import java.util.List;
import java.util.UUID;

/**
 * What compliance evaluates for a tenant, resolved up the tenant tree: a tenant's own list wins;
 * a null list means "as my parent"; at the top, null means every framework in the library and
 * every built-in policy. Imported policies are the importing tenant's own and are switched on and
 * off on the policy itself.
 *
 * @param frameworks the enabled framework ids; null: all available
 * @param frameworksFrom the tenant whose choice this is; null when nobody chose (the default)
 * @param policies the enabled built-in policy ids; null: all built-in policies
 * @param policiesFrom the tenant whose choice this is; null when nobody chose
 * @param modules the tenant's {@code enabledModules} setting (agent modules); null: all
 */
public record Enablement(
        List<String> frameworks, UUID frameworksFrom, List<String> policies, UUID policiesFrom, List<String> modules) {

    public boolean frameworkEnabled(String id) {
        return frameworks == null || frameworks.contains(id);
    }

    public boolean builtInPolicyEnabled(String id) {
        return policies == null || policies.contains(id);
    }
}
