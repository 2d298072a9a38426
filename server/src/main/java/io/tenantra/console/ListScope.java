package io.tenantra.console;

import io.tenantra.identity.CurrentUser;
import io.tenantra.identity.Permission;
import io.tenantra.identity.TenantAccess;
import io.tenantra.platform.context.TenantScope;
import io.tenantra.platform.web.ApiException;
import io.tenantra.tenancy.Tenant;
import io.tenantra.tenancy.TenantDirectory;
import io.tenantra.tenancy.TenantHierarchy;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * The tenants a console list shows: the page's tenant ({@link TenantChoices}) alone, or with
 * {@code scope=subtree} ("all my tenants") that tenant and every tenant below it on which the
 * caller holds the list's permission, never more. MSP users see their customers' rows in one
 * list, each row naming its tenant; a customer's user asking for the subtree gets its own tenant
 * (and its sites). Row-level security bounds the query too: the scope is exactly these tenants.
 */
@Component
public class ListScope {

    /** The {@code scope} parameter's value for "all my tenants". */
    public static final String SUBTREE = "subtree";

    private final TenantChoices choices;
    private final TenantAccess access;
    private final TenantHierarchy hierarchy;
    private final TenantDirectory directory;

    ListScope(TenantChoices choices, TenantAccess access, TenantHierarchy hierarchy, TenantDirectory directory) {
        this.choices = choices;
        this.access = access;
        this.hierarchy = hierarchy;
        this.directory = directory;
    }

    /**
     * What a list shows.
     *
     * @param chosen the page's tenant, as {@link TenantChoices#choose} picked it
     * @param subtree whether the list covers the tenants below it too
     * @param tenantIds the tenants covered: the chosen one first
     * @param scope the database scope of exactly {@code tenantIds}
     * @param names the covered tenants by id, for the rows' tenant column
     * @param subtreeOffered whether "all my tenants" would add any tenant (the toggle is shown only then)
     */
    public record Shown(
            TenantChoices.Chosen chosen,
            boolean subtree,
            Set<UUID> tenantIds,
            TenantScope scope,
            Map<UUID, Tenant> names,
            boolean subtreeOffered) {

        public UUID id() {
            return chosen.id();
        }

        /** The tenant a row belongs to, for its tenant column and links (null if not covered). */
        public Tenant tenantOf(UUID tenantId) {
            return names.get(tenantId);
        }
    }

    /**
     * Chooses the page's tenant and the tenants the list covers; puts {@code tenants},
     * {@code tenant}, {@code scope} ({@code tenant} or {@code subtree}), {@code subtreeOffered}
     * and {@code listed} (this) into the model. Null when the caller holds the permission
     * nowhere. An unknown {@code scope} is refused as invalid input.
     */
    public Shown choose(CurrentUser user, Permission permission, UUID requested, String scope, Model model) {
        boolean subtree = parse(scope);
        TenantChoices.Chosen chosen = choices.choose(user, permission, requested, model);
        if (chosen == null) {
            return null;
        }
        Set<UUID> below = new LinkedHashSet<>();
        below.add(chosen.id());
        for (UUID tenant : access.tenantsWith(user, permission)) {
            if (hierarchy.isWithin(tenant, chosen.id())) {
                below.add(tenant);
            }
        }
        Set<UUID> covered = subtree ? below : Set.of(chosen.id());
        TenantScope dbScope = TenantScope.of(covered);
        Map<UUID, Tenant> names = subtree
                ? directory.visible(dbScope).stream().collect(Collectors.toMap(Tenant::id, Function.identity()))
                : Map.of(chosen.id(), chosen.tenant());
        Shown shown = new Shown(chosen, subtree, Set.copyOf(covered), dbScope, names, below.size() > 1);
        model.addAttribute("scope", subtree ? SUBTREE : "tenant");
        model.addAttribute("subtreeOffered", shown.subtreeOffered());
        model.addAttribute("listed", shown);
        return shown;
    }

    /** {@code subtree} → true; absent, blank or {@code tenant} → false; anything else is refused. */
    public static boolean parse(String scope) {
        if (scope == null || scope.isBlank() || scope.equals("tenant")) {
            return false;
        }
        if (scope.equals(SUBTREE)) {
            return true;
        }
        throw ApiException.invalid("scope", "must be tenant or subtree");
    }
}
