package io.tenantra.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.tenancy.Tenant;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The switcher's tree: parents before children, siblings by name, the page's tenant current. */
class TenantSwitcherTest {

    private static Tenant tenant(String name, UUID parent) {
        return new Tenant(
                UUID.randomUUID(),
                parent,
                name,
                name.toLowerCase(),
                Tenant.Plan.PRO,
                Tenant.Status.ACTIVE,
                null,
                null,
                Instant.EPOCH,
                null,
                Instant.EPOCH,
                null);
    }

    @Test
    void flattensTheTreeParentsFirstWithDepthsAndLinksToTheSamePage() {
        Tenant msp = tenant("Msp", UUID.randomUUID()); // its parent is not visible: a top
        Tenant zulu = tenant("Zulu customer", msp.id());
        Tenant alpha = tenant("alpha customer", msp.id());
        Tenant site = tenant("Site", zulu.id());
        Tenant other = tenant("Another MSP", null);

        TenantSwitcher switcher = TenantSwitcher.of(List.of(site, zulu, other, alpha, msp), "/users", msp.id());

        assertThat(switcher.entries())
                .extracting(TenantSwitcher.Entry::name, TenantSwitcher.Entry::depth)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Another MSP", 0),
                        org.assertj.core.groups.Tuple.tuple("Msp", 0),
                        org.assertj.core.groups.Tuple.tuple("alpha customer", 1),
                        org.assertj.core.groups.Tuple.tuple("Zulu customer", 1),
                        org.assertj.core.groups.Tuple.tuple("Site", 2));
        assertThat(switcher.entries().get(4).href()).isEqualTo("/users?tenant=" + site.id());
        assertThat(switcher.offered()).isTrue();
    }

    @Test
    void theCurrentTenantIsThePagesOwnElseTheFallback() {
        Tenant home = tenant("Home", null);
        Tenant child = tenant("Child", home.id());
        TenantSwitcher switcher = TenantSwitcher.of(List.of(home, child), "/", home.id());

        assertThat(switcher.current(child).name()).isEqualTo("Child");
        assertThat(switcher.current(child.id()).name()).isEqualTo("Child");
        assertThat(switcher.current(null).name()).isEqualTo("Home");
        assertThat(switcher.current("not a tenant").name()).isEqualTo("Home");
    }

    @Test
    void oneTenantIsNothingToSwitch() {
        Tenant only = tenant("Only", null);
        assertThat(TenantSwitcher.of(List.of(only), "/", only.id()).offered()).isFalse();
    }
}
