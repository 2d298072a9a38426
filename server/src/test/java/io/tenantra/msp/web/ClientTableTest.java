package io.tenantra.msp.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenantra.console.ClientColumn;
import io.tenantra.identity.Permission;
import io.tenantra.platform.web.ApiException;
import io.tenantra.tenancy.Tenant;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Searching, sorting (missing values last both ways), paging and placing rows of the roll-up. */
class ClientTableTest {

    private static final List<ClientColumn> COLUMNS =
            List.of(new ClientColumn("agents", "Agents", 1, Permission.AGENT_READ, tenants -> Map.of()));

    private static Tenant tenant(String name, UUID parent, Tenant.Plan plan) {
        Instant now = Instant.now();
        return new Tenant(
                UUID.randomUUID(),
                parent,
                name,
                name.toLowerCase(),
                plan,
                Tenant.Status.ACTIVE,
                null,
                null,
                now,
                null,
                now,
                null);
    }

    private static ClientTable.Row row(Tenant tenant, Long agents) {
        return new ClientTable.Row(
                tenant, "", Arrays.asList(agents == null ? null : ClientColumn.Cell.of(agents, null)));
    }

    @Test
    void sortsByAColumnWithMissingValuesLastInBothDirections() {
        UUID msp = UUID.randomUUID();
        ClientTable.Row a = row(tenant("Alpha", msp, Tenant.Plan.PRO), 5L);
        ClientTable.Row b = row(tenant("Bravo", msp, Tenant.Plan.FREE), null);
        ClientTable.Row c = row(tenant("Charlie", msp, Tenant.Plan.BASIC), 9L);
        List<ClientTable.Row> rows = List.of(a, b, c);
        assertThat(ClientTable.searchAndSort(rows, null, ClientTable.Sort.parse("agents", COLUMNS), COLUMNS))
                .containsExactly(a, c, b);
        assertThat(ClientTable.searchAndSort(rows, null, ClientTable.Sort.parse("-agents", COLUMNS), COLUMNS))
                .containsExactly(c, a, b);
        assertThat(ClientTable.searchAndSort(rows, null, ClientTable.Sort.parse("plan", COLUMNS), COLUMNS))
                .containsExactly(b, c, a);
        assertThat(ClientTable.searchAndSort(rows, "HAR", ClientTable.Sort.parse(null, COLUMNS), COLUMNS))
                .containsExactly(c);
    }

    @Test
    void pagesCutTheSortedRows() {
        UUID msp = UUID.randomUUID();
        List<ClientTable.Row> rows = List.of(
                row(tenant("A", msp, Tenant.Plan.PRO), 1L),
                row(tenant("B", msp, Tenant.Plan.PRO), 2L),
                row(tenant("C", msp, Tenant.Plan.PRO), 3L));
        ClientTable.Page second = ClientTable.page(rows, 2, 2);
        assertThat(second.rows()).containsExactly(rows.get(2));
        assertThat(second.pages()).isEqualTo(2);
        assertThat(second.hasPrevious()).isTrue();
        assertThat(second.hasNext()).isFalse();
        assertThat(ClientTable.page(rows, 9, 2).rows()).isEmpty();
    }

    @Test
    void unknownSortsAndSizesAreRefusedWithTheReason() {
        assertThatThrownBy(() -> ClientTable.Sort.parse("-secret", COLUMNS))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("name, path, plan, agents");
        assertThatThrownBy(() -> ClientTable.checkPaging(1, 201)).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> ClientTable.checkPaging(0, 25)).isInstanceOf(ApiException.class);
    }

    @Test
    void aCustomersPathRunsFromTheUsersTenantDownToItsParent() {
        Tenant root = tenant("Root", null, Tenant.Plan.ENTERPRISE);
        Tenant msp = tenant("MSP", root.id(), Tenant.Plan.ENTERPRISE);
        Tenant reseller = tenant("Reseller", msp.id(), Tenant.Plan.PRO);
        Tenant customer = tenant("Customer", reseller.id(), Tenant.Plan.PRO);
        Map<UUID, Tenant> visible =
                Map.of(root.id(), root, msp.id(), msp, reseller.id(), reseller, customer.id(), customer);
        assertThat(ClientTable.path(customer, visible, msp.id())).isEqualTo("MSP › Reseller");
        assertThat(ClientTable.below(customer, visible, msp.id())).isTrue();
        assertThat(ClientTable.below(msp, visible, msp.id())).isFalse();
        assertThat(ClientTable.below(root, visible, msp.id())).isFalse();
    }
}
