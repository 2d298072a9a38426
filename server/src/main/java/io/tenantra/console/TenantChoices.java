package io.tenantra.console;

import io.tenantra.identity.CurrentUser;
import io.tenantra.identity.Permission;
import io.tenantra.identity.TenantAccess;
import io.tenantra.platform.context.TenantScope;
import io.tenantra.tenancy.Tenant;
import io.tenantra.tenancy.TenantDirectory;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * The tenant a console page shows: the tenants on which the caller holds the page's permission,
 * and the one chosen among them. One tenant context for the whole console: an explicit choice
 * ({@code ?tenant=}) is remembered in the browser session ({@link RememberedTenant}), so a page
 * opened without one shows the tenant last chosen if the caller may see it with that page's
 * permission, else the home tenant, else the first offered.
 */
@Component
public class TenantChoices {

    private final TenantAccess access;
    private final TenantDirectory tenants;
    private final RememberedTenant remembered;

    TenantChoices(TenantAccess access, TenantDirectory tenants, RememberedTenant remembered) {
        this.access = access;
        this.tenants = tenants;
        this.remembered = remembered;
    }

    /** Sorted by name; empty when the caller holds the permission nowhere. */
    public List<Tenant> with(CurrentUser user, Permission permission) {
        Set<UUID> ids = access.tenantsWith(user, permission);
        if (ids.isEmpty()) {
            return List.of();
        }
        return tenants.visible(TenantScope.of(ids)).stream()
                .sorted(Comparator.comparing(Tenant::name, String.CASE_INSENSITIVE_ORDER))
                .toList();
    }

    /**
     * Chooses a page's tenant: puts the tenants on which the caller holds {@code permission}
     * ({@code tenants}) and the one shown ({@code tenant}, as {@link #selected}; null when none)
     * into the model.
     */
    public Tenant offer(CurrentUser user, Permission permission, UUID requested, Model model) {
        List<Tenant> offered = with(user, permission);
        Tenant tenant = requested == null ? remembered(offered, user) : selected(offered, requested, user);
        if (requested != null && tenant != null) {
            remembered.remember(user, tenant.id());
        }
        model.addAttribute("tenants", offered);
        model.addAttribute("tenant", tenant);
        return tenant;
    }

    /**
     * {@link #offer} and check the choice, the way every page showing one tenant starts: a
     * requested tenant that is not offered is refused as the API would (404 if invisible, 403 if
     * the permission is not held there); with nothing to show, null.
     */
    public Chosen choose(CurrentUser user, Permission permission, UUID requested, Model model) {
        Tenant tenant = offer(user, permission, requested, model);
        if (tenant == null) {
            if (requested != null) {
                access.require(user, requested, permission);
            }
            return null;
        }
        return new Chosen(
                tenant, access.require(user, tenant.id(), permission), access.permissionsOn(user, tenant.id()));
    }

    /** Whether the caller also holds {@code permission} on the tenant (to show forms and buttons). */
    public boolean holds(CurrentUser user, UUID tenantId, Permission permission) {
        return access.permissionsOn(user, tenantId).contains(permission);
    }

    /** Everything the caller holds on the tenant. */
    public Set<Permission> held(CurrentUser user, UUID tenantId) {
        return access.permissionsOn(user, tenantId);
    }

    /** The tenant a page shows, the scope to read it in, and what the caller holds on it. */
    public record Chosen(Tenant tenant, TenantScope scope, Set<Permission> held) {

        public UUID id() {
            return tenant.id();
        }

        public boolean holds(Permission permission) {
            return held.contains(permission);
        }
    }

    /** The tenant last chosen in this session if offered here, else as {@link #selected} without a request. */
    private Tenant remembered(List<Tenant> offered, CurrentUser user) {
        return remembered
                .recall(user)
                .flatMap(id -> offered.stream().filter(t -> t.id().equals(id)).findFirst())
                .orElseGet(() -> selected(offered, null, user));
    }

    /** The requested tenant, else the caller's home tenant if offered, else the first offered. */
    public static Tenant selected(List<Tenant> offered, UUID requested, CurrentUser user) {
        UUID wanted = requested != null ? requested : user.tenantId();
        return offered.stream()
                .filter(t -> t.id().equals(wanted))
                .findFirst()
                .orElse(requested != null || offered.isEmpty() ? null : offered.get(0));
    }
}
