package io.tenantra.audit.web;

import io.tenantra.agents.AgentNames;
import io.tenantra.audit.AuditFilter;
import io.tenantra.identity.UserNames;
import io.tenantra.platform.context.TenantScope;
import io.tenantra.tenancy.Tenant;
import io.tenantra.tenancy.TenantDirectory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The audit log's free-text search. The trail records targets by id, and their names live with
 * the modules that own them; so a search text is also looked up among the names of the tenants,
 * users and agents of the covered tenants (never beyond them, under row-level security), and
 * the ids found join the SQL condition over action, actor, target and recorded changes
 * ({@link AuditFilter#withText}).
 */
@Component
class AuditSearch {

    /** How many targets of each kind one search may name; a broader text still matches the trail itself. */
    static final int MAX_NAMED = 500;

    private final TenantDirectory tenants;
    private final UserNames users;
    private final AgentNames agents;

    AuditSearch(TenantDirectory tenants, UserNames users, AgentNames agents) {
        this.tenants = tenants;
        this.users = users;
        this.agents = agents;
    }

    /** {@code filter} narrowed to {@code text} (blank: unchanged) over the trails of {@code covered}. */
    AuditFilter withText(AuditFilter filter, String text, Set<UUID> covered) {
        if (text == null || text.isBlank() || text.strip().length() > AuditFilter.MAX_TEXT) {
            // Blank: no search. Too long: withText refuses it without looking anything up.
            return filter.withText(text, List.of());
        }
        String wanted = text.strip();
        TenantScope scope = TenantScope.of(covered);
        List<UUID> named = new ArrayList<>();
        String lower = wanted.toLowerCase(Locale.ROOT);
        for (Tenant tenant : tenants.visible(scope)) {
            if (tenant.name().toLowerCase(Locale.ROOT).contains(lower)) {
                named.add(tenant.id());
            }
        }
        named.addAll(users.matching(scope, wanted, MAX_NAMED));
        named.addAll(agents.matching(scope, wanted, MAX_NAMED));
        return filter.withText(wanted, named);
    }
}
