package io.tenantra.console;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenantra.identity.Permission;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two modules contributing the same navigation target or dashboard tile id would hide one
 * another; the console refuses to start instead, naming the collision.
 */
class ContributionsTest {

    private static DashboardTile tile(String id) {
        return new DashboardTile(id, 0, null, user -> DashboardTile.Content.figure("x", 1, null));
    }

    @Test
    void aDuplicateTileIdStopsTheDashboard() {
        assertThatThrownBy(
                        () -> new DashboardController(List.of(tile("tenant-count"), tile("tenant-count")), null, null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("dashboard tile id")
                .hasMessageContaining("tenant-count");
        assertThatCode(() -> new DashboardController(List.of(tile("tenant-count"), tile("user-count")), null, null))
                .doesNotThrowAnyException();
    }

    @Test
    void aDuplicateNavigationTargetOrLabelStopsTheLayout() {
        NavItem agents = new NavItem("Agents", "/agents", "pc-display", 200, Permission.AGENT_READ);
        assertThatThrownBy(() ->
                        new ConsoleModelAdvice(List.of(agents, new NavItem("Devices", "/agents", "pc", 300, null))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("/agents");
        assertThatThrownBy(
                        () -> new ConsoleModelAdvice(List.of(agents, new NavItem("Agents", "/other", "pc", 300, null))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Agents");
        assertThatCode(() -> new ConsoleModelAdvice(List.of(agents))).doesNotThrowAnyException();
    }
}
