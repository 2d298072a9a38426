package io.tenantra.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.support.ConsoleClient;
import io.tenantra.support.Fixtures;
import io.tenantra.support.FleetSeeds;
import io.tenantra.support.FleetSeeds.State;
import io.tenantra.support.ServerTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * "All my tenants" ({@code scope=subtree}) on the agents, scans and audit log lists: an MSP admin
 * sees the rows of its customers in one list, each naming its tenant with a link into that
 * tenant's context, and never a sibling's; a customer's admin asking for the subtree gets its own
 * tenant and the sites below it only; an unknown scope is refused. World: MSP → C1, MSP → C2 →
 * C2a, and a stranger S beside the MSP.
 */
@ServerTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AllMyTenantsListsTest {

    private static final Pattern AGENT = Pattern.compile("data-testid=\"agent-row\" data-agent-name=\"([^\"]+)\"");
    private static final Pattern SCAN = Pattern.compile("data-testid=\"scan-row\" data-scan-id=\"([0-9a-f-]{36})\"");

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fx;

    @Autowired
    FleetSeeds seeds;

    UUID msp;
    UUID c1;
    UUID c2;
    UUID c2a;
    UUID stranger;
    String mspAgent;
    String c1Agent;
    String c2Agent;
    String c2aAgent;
    String strangerAgent;
    UUID c1Scan;
    UUID c2aScan;
    UUID strangerScan;
    String mspAdmin;
    String c2Admin;
    String c1Admin;

    @BeforeAll
    void world() {
        msp = fx.tenant(fx.root(), "all-msp");
        c1 = fx.tenant(msp, "all-c1");
        c2 = fx.tenant(msp, "all-c2");
        c2a = fx.tenant(c2, "all-c2a");
        stranger = fx.tenant(fx.root(), "all-stranger");
        mspAgent = Fixtures.unique("msp-host");
        c1Agent = Fixtures.unique("c1-host");
        c2Agent = Fixtures.unique("c2-host");
        c2aAgent = Fixtures.unique("c2a-host");
        strangerAgent = Fixtures.unique("s-host");
        seeds.agent(msp, mspAgent, State.ONLINE, "linux", "1.2.0", Duration.ofDays(3));
        UUID c1Id = seeds.agent(c1, c1Agent, State.ONLINE, "linux", "1.2.0", Duration.ofDays(3));
        seeds.agent(c2, c2Agent, State.OFFLINE, "linux", "1.2.0", Duration.ofDays(3));
        UUID c2aId = seeds.agent(c2a, c2aAgent, State.ONLINE, "windows", "1.2.0", Duration.ofDays(3));
        UUID strangerId = seeds.agent(stranger, strangerAgent, State.ONLINE, "linux", "1.2.0", Duration.ofDays(3));
        c1Scan = seeds.scan(c1, c1Id, Duration.ofHours(1), "succeeded", "packages", List.of());
        c2aScan = seeds.scan(c2a, c2aId, Duration.ofHours(2), "failed", "packages", List.of());
        strangerScan = seeds.scan(stranger, strangerId, Duration.ofMinutes(5), "succeeded", "packages", List.of());
        mspAdmin = fx.user(msp, "MSP_ADMIN");
        c2Admin = fx.user(c2, "ADMIN");
        c1Admin = fx.user(c1, "ADMIN");
    }

    private ConsoleClient signedIn(String username) {
        ConsoleClient client = new ConsoleClient(port);
        client.login(username, Fixtures.PASSWORD, null);
        return client;
    }

    private static String ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private static List<String> all(Pattern pattern, String html) {
        List<String> found = new ArrayList<>();
        Matcher m = pattern.matcher(html);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    @Test
    void anMspAdminSeesEveryCustomersAgentsWithTheirTenantAndNoSiblings() {
        ConsoleClient client = signedIn(mspAdmin);

        String own = ok(client.get("/agents?tenant=" + msp));
        assertThat(all(AGENT, own)).containsExactly(mspAgent);
        assertThat(own).contains("data-testid=\"scope-subtree\"").doesNotContain("data-testid=\"row-tenant\"");

        String subtree = ok(client.get("/agents?tenant=" + msp + "&scope=subtree"));
        assertThat(all(AGENT, subtree)).containsExactlyInAnyOrder(mspAgent, c1Agent, c2Agent, c2aAgent);
        assertThat(subtree)
                .contains("data-testid=\"tenant-column\"")
                // Each row names its tenant and links into that tenant's context.
                .contains("href=\"/agents?tenant=" + c2a + "\"")
                .contains("href=\"/agents?tenant=" + c1 + "\"")
                .doesNotContain(stranger.toString())
                // Sort, paging and refresh links keep the scope.
                .contains("/agents/rows?tenant=" + msp + "&amp;scope=subtree");

        // Filters and search apply across the tenants.
        assertThat(all(AGENT, ok(client.get("/agents?tenant=" + msp + "&scope=subtree&os=windows"))))
                .containsExactly(c2aAgent);
        assertThat(all(AGENT, ok(client.get("/agents?tenant=" + msp + "&scope=subtree&status=offline"))))
                .containsExactly(c2Agent);

        // The export covers the same rows, with the tenant's name.
        String csv = ok(client.get("/agents?tenant=" + msp + "&scope=subtree&format=csv"));
        assertThat(csv.lines().skip(1)).hasSize(4);
        assertThat(csv).startsWith("name,tenant,hostname").contains(c2aAgent + ",Tenant all-c2a");
    }

    @Test
    void aCustomersAdminAskingForTheSubtreeGetsItsOwnTenantAndItsSitesOnly() {
        ConsoleClient client = signedIn(c2Admin);
        String subtree = ok(client.get("/agents?scope=subtree"));
        assertThat(all(AGENT, subtree)).containsExactlyInAnyOrder(c2Agent, c2aAgent);

        ConsoleClient leaf = signedIn(c1Admin);
        String own = ok(leaf.get("/agents?scope=subtree"));
        assertThat(all(AGENT, own)).containsExactly(c1Agent);
        // Nothing below C1: the toggle is not offered.
        assertThat(own).doesNotContain("data-testid=\"list-scope\"");
        assertThat(all(SCAN, ok(leaf.get("/scans?scope=subtree")))).containsExactly(c1Scan.toString());

        // Another tenant's subtree is as invisible as the tenant itself.
        assertThat(leaf.get("/agents?tenant=" + msp + "&scope=subtree").statusCode())
                .isEqualTo(404);
        assertThat(leaf.get("/scans?tenant=" + stranger + "&scope=subtree").statusCode())
                .isEqualTo(404);
    }

    @Test
    void scansOfEveryCustomerInOneListNewestFirst() {
        ConsoleClient client = signedIn(mspAdmin);
        String subtree = ok(client.get("/scans?tenant=" + msp + "&scope=subtree"));
        assertThat(all(SCAN, subtree)).containsExactly(c1Scan.toString(), c2aScan.toString());
        assertThat(subtree)
                .contains("href=\"/scans/" + c2aScan + "?tenant=" + c2a + "\"")
                .contains("href=\"/scans?tenant=" + c1 + "\"")
                .doesNotContain(strangerScan.toString());
        assertThat(all(SCAN, ok(client.get("/scans?tenant=" + msp)))).isEmpty();
        assertThat(all(SCAN, ok(client.get("/scans/rows?tenant=" + msp + "&scope=subtree"))))
                .hasSize(2);
    }

    @Test
    void theAuditLogCoversTheSubtreeAndSearchesActorTargetNameAndAction() {
        // C1's admin exports C1's agents: an agent.export event in C1's trail, aimed at the tenant.
        ok(signedIn(c1Admin).get("/agents?tenant=" + c1 + "&format=csv"));
        ConsoleClient client = signedIn(mspAdmin);

        String own = ok(client.get("/audit-logs?tenant=" + msp + "&q=" + c1Admin));
        assertThat(own).contains("data-testid=\"audit-empty\"");

        String subtree = ok(client.get("/audit-logs?tenant=" + msp + "&scope=subtree&q=" + c1Admin));
        assertThat(subtree)
                .contains("data-testid=\"audit-row\"")
                .contains("agent.export")
                .contains("href=\"/audit-logs?tenant=" + c1 + "\"");
        // By the target's name, which the trail does not hold (it records the tenant's id).
        String byTarget = ok(client.get("/audit-logs?tenant=" + msp + "&scope=subtree&action=agent.export&q=all-c1"));
        assertThat(byTarget).contains("data-testid=\"audit-row\"");
        // Free text is a condition like the others: no event of C2 matches it.
        assertThat(ok(client.get("/audit-logs?tenant=" + c2 + "&scope=subtree&q=" + c1Admin)))
                .contains("data-testid=\"audit-empty\"");
        // Search and scope travel with the export link.
        assertThat(subtree).contains("scope=subtree&amp;q=" + c1Admin);
    }

    @Test
    void anUnknownScopeIsRefusedWithItsReason() {
        ConsoleClient client = signedIn(mspAdmin);
        HttpResponse<String> response = client.get("/agents?tenant=" + msp + "&scope=everything");
        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).contains("scope").contains("must be tenant or subtree");
    }
}
