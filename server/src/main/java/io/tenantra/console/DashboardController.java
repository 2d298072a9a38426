package io.tenantra.console;

import io.tenantra.identity.CurrentUser;
import io.tenantra.identity.TenantAccess;
import io.tenantra.platform.context.TenantScope;
import io.tenantra.platform.web.ApiException;
import io.tenantra.platform.web.AuthenticatedEndpoint;
import io.tenantra.tenancy.Tenant;
import io.tenantra.tenancy.TenantDirectory;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The home dashboard: the tiles modules contribute to the home board ({@link DashboardTile}),
 * those the signed-in user may see, computed over one chosen tenant ({@code ?tenant=}) or over all
 * the tenants the user can see. The console itself knows no module's figures.
 */
@Controller
class DashboardController {

    private final List<DashboardTile> tiles;
    private final TenantAccess access;
    private final TenantDirectory directory;

    DashboardController(List<DashboardTile> tiles, TenantAccess access, TenantDirectory directory) {
        Contributions.requireUnique("dashboard tile id", tiles, DashboardTile::id);
        this.tiles = tiles.stream()
                .sorted(Comparator.comparingInt(DashboardTile::order))
                .toList();
        this.access = access;
        this.directory = directory;
    }

    @AuthenticatedEndpoint
    @GetMapping("/")
    String dashboard(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam(name = "tenant", required = false) UUID tenant,
            Model model) {
        Set<UUID> visible = access.visibleTenants(user);
        if (tenant != null && !access.canSee(user, tenant)) {
            // As everywhere: a tenant the user cannot see does not exist for them.
            throw ApiException.notFound("The tenant");
        }
        Set<UUID> shown = tenant == null ? visible : Set.of(tenant);
        List<Tenant> choices = visible.isEmpty()
                ? List.of()
                : directory.visible(TenantScope.of(visible)).stream()
                        .sorted(Comparator.comparing(Tenant::name, String.CASE_INSENSITIVE_ORDER))
                        .toList();
        model.addAttribute("scopeTenants", choices);
        model.addAttribute(
                "focus",
                choices.stream().filter(t -> t.id().equals(tenant)).findFirst().orElse(null));
        render(tiles, DashboardTile.Board.HOME, user, access, shown, tenant, model);
        return "dashboard";
    }

    /**
     * Computes a board's tiles the user may see, each over the tenants of {@code shown} on which
     * the user holds the tile's permission, into the model as figures, charts and lists.
     */
    static void render(
            List<DashboardTile> tiles,
            DashboardTile.Board board,
            CurrentUser user,
            TenantAccess access,
            Set<UUID> shown,
            UUID focus,
            Model model) {
        List<DashboardTile.Shown> computed = tiles.stream()
                .filter(tile -> tile.board() == board)
                .filter(tile -> tile.permission() == null || user.permissions().contains(tile.permission()))
                .map(tile -> {
                    Set<UUID> readable = new LinkedHashSet<>(shown);
                    if (tile.permission() != null) {
                        readable.retainAll(access.tenantsWith(user, tile.permission()));
                    }
                    DashboardTile.View view = new DashboardTile.View(user, readable, focus);
                    return new DashboardTile.Shown(tile.id(), tile.content().apply(view));
                })
                .toList();
        model.addAttribute(
                "figures",
                computed.stream()
                        .filter(t -> t.content().kind() == DashboardTile.Kind.FIGURE)
                        .toList());
        model.addAttribute(
                "charts", computed.stream().filter(t -> t.content().isChart()).toList());
        model.addAttribute(
                "lists", computed.stream().filter(t -> t.content().isList()).toList());
    }
}
