package io.tenantra.console;

import io.tenantra.identity.CurrentUser;
import io.tenantra.platform.web.AuthenticatedEndpoint;
import java.util.Comparator;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The home dashboard: the tiles modules contribute ({@link DashboardTile}), those the signed-in
 * user may see, computed for them. The console itself knows no module's figures.
 */
@Controller
class DashboardController {

    private final List<DashboardTile> tiles;

    DashboardController(List<DashboardTile> tiles) {
        Contributions.requireUnique("dashboard tile id", tiles, DashboardTile::id);
        this.tiles = tiles.stream()
                .sorted(Comparator.comparingInt(DashboardTile::order))
                .toList();
    }

    @AuthenticatedEndpoint
    @GetMapping("/")
    String dashboard(@AuthenticationPrincipal CurrentUser user, Model model) {
        List<DashboardTile.Shown> shown = tiles.stream()
                .filter(tile -> tile.permission() == null || user.permissions().contains(tile.permission()))
                .map(tile -> new DashboardTile.Shown(tile.id(), tile.content().apply(user)))
                .toList();
        model.addAttribute(
                "figures", shown.stream().filter(t -> !t.content().isChart()).toList());
        model.addAttribute(
                "charts", shown.stream().filter(t -> t.content().isChart()).toList());
        return "dashboard";
    }
}
