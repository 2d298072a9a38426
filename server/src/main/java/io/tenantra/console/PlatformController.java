package io.tenantra.console;

import io.tenantra.identity.CurrentUser;
import io.tenantra.identity.Permission;
import io.tenantra.identity.RequiresPermission;
import io.tenantra.identity.TenantAccess;
import io.tenantra.tenancy.TenantDirectory;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The platform operators' page: the tiles of the platform board (server uptime, request rates,
 * tenants by plan), which describe the whole installation and so are shown only to holders of
 * {@link Permission#PLATFORM_ADMIN} on the root tenant, the same rule the signing-key API follows.
 */
@Controller
class PlatformController {

    private final List<DashboardTile> tiles;
    private final TenantAccess access;
    private final TenantDirectory directory;

    PlatformController(List<DashboardTile> tiles, TenantAccess access, TenantDirectory directory) {
        this.tiles = tiles.stream()
                .sorted(Comparator.comparingInt(DashboardTile::order))
                .toList();
        this.access = access;
        this.directory = directory;
    }

    @RequiresPermission(Permission.PLATFORM_ADMIN)
    @GetMapping("/platform")
    String platform(@AuthenticationPrincipal CurrentUser user, Model model) {
        // PLATFORM_ADMIN held anywhere else (a custom role cannot grant it, but fail closed) is not enough.
        UUID root = directory.rootTenantId().orElseThrow();
        access.require(user, root, Permission.PLATFORM_ADMIN);
        DashboardController.render(
                tiles, DashboardTile.Board.PLATFORM, user, access, access.visibleTenants(user), null, model);
        return "platform";
    }
}
