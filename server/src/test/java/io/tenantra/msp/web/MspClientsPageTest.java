package io.tenantra.msp.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.support.ConsoleClient;
import io.tenantra.support.Fixtures;
import io.tenantra.support.FleetSeeds;
import io.tenantra.support.MspWorld;
import io.tenantra.support.ServerTest;
import java.net.URI;
import java.net.http.HttpResponse;
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
 * The MSP roll-up over HTTP: which customers are rows, their figures, server-side search, sort by
 * every column (missing values last), paging, CSV, bad parameters, isolation and the login redirect.
 */
@ServerTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MspClientsPageTest {

    private static final Pattern ROW = Pattern.compile("data-testid=\"client-row\" data-tenant=\"([0-9a-f-]{36})\"");

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fx;

    @Autowired
    FleetSeeds seeds;

    MspWorld world;
    ConsoleClient msp;

    @BeforeAll
    void world() {
        world = new MspWorld(fx, seeds);
        // Two frameworks scored today for C1: the roll-up shows their mean.
        fx.complianceDay(world.c1, "nist-800-53-r5", 8, 2, 1, 80.0);
        fx.complianceDay(world.c1, "cis-debian-l1", 6, 4, 1, 60.0);
        msp = new ConsoleClient(port);
        msp.login(world.mspAdmin, Fixtures.PASSWORD, null);
    }

    private List<UUID> rows(ConsoleClient client, String query) {
        HttpResponse<String> response = client.get("/msp/clients" + query);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<UUID> ids = new ArrayList<>();
        Matcher m = ROW.matcher(response.body());
        while (m.find()) {
            ids.add(UUID.fromString(m.group(1)));
        }
        return ids;
    }

    private String row(String body, UUID tenant) {
        int start = body.indexOf("data-tenant=\"" + tenant + "\"");
        assertThat(start).as("row of %s", tenant).isPositive();
        return body.substring(start, body.indexOf("</tr>", start));
    }

    @Test
    void everyCustomerBelowTheMspIsARowAndNothingElse() {
        assertThat(rows(msp, "")).containsExactly(world.c1, world.c2, world.c2a);
    }

    @Test
    void rowsCarryTheFiguresWhereTheySitAndLinkIntoTheCustomer() {
        String body = msp.get("/msp/clients").body();
        String c1 = row(body, world.c1);
        assertThat(cell(c1, "cell-agents")).isEqualTo("4");
        assertThat(cell(c1, "cell-offline")).isEqualTo("1");
        assertThat(cell(c1, "cell-high-risks")).isEqualTo("3");
        assertThat(cell(c1, "cell-compliance")).isEqualTo("70 %");
        assertThat(c1).contains("href=\"/?tenant=" + world.c1 + "\"");
        assertThat(c1).contains("href=\"/agents?tenant=" + world.c1 + "&amp;status=offline\"");
        String c2 = row(body, world.c2);
        assertThat(cell(c2, "cell-agents")).isEqualTo("1");
        assertThat(cell(c2, "cell-high-risks")).isEqualTo("–"); // a MEDIUM risk only
        String c2a = row(body, world.c2a);
        assertThat(cell(c2a, "cell-agents")).isEqualTo("–");
        assertThat(cell(c2a, "cell-compliance")).isEqualTo("–");
        // Where each customer sits under the MSP.
        assertThat(cell(c2a, "client-path")).contains(" › ").endsWith(tenantName(body, world.c2));
    }

    @Test
    void everyColumnSortsOnTheServerWithMissingValuesLast() {
        assertThat(rows(msp, "?sort=-name")).containsExactly(world.c2a, world.c2, world.c1);
        assertThat(rows(msp, "?sort=-agents")).containsExactly(world.c1, world.c2, world.c2a);
        assertThat(rows(msp, "?sort=agents")).containsExactly(world.c2, world.c1, world.c2a);
        assertThat(rows(msp, "?sort=-high-risks")).containsExactly(world.c1, world.c2, world.c2a);
        assertThat(rows(msp, "?sort=-last-scan")).containsExactly(world.c1, world.c2, world.c2a);
        assertThat(rows(msp, "?sort=last-scan")).containsExactly(world.c2, world.c1, world.c2a);
        assertThat(rows(msp, "?sort=path")).startsWith(world.c1).endsWith(world.c2a);
        for (String column : List.of("plan", "offline", "compliance", "-plan", "-offline", "-compliance")) {
            assertThat(rows(msp, "?sort=" + column)).containsExactlyInAnyOrder(world.c1, world.c2, world.c2a);
        }
        // The header links reverse the current order.
        assertThat(msp.get("/msp/clients?sort=agents").body())
                .contains("href=\"/msp/clients?sort=-agents&amp;page=1\"");
    }

    @Test
    void searchAndPagingHappenOnTheServer() {
        String c2Slug = tenantName(msp.get("/msp/clients").body(), world.c2).replace("Tenant ", "");
        assertThat(rows(msp, "?q=" + c2Slug)).containsExactly(world.c2);
        assertThat(rows(msp, "?q=" + c2Slug.toUpperCase(java.util.Locale.ROOT))).containsExactly(world.c2);
        assertThat(rows(msp, "?q=no-such-customer")).isEmpty();
        assertThat(rows(msp, "?size=2")).containsExactly(world.c1, world.c2);
        assertThat(rows(msp, "?size=2&page=2")).containsExactly(world.c2a);
        assertThat(msp.get("/msp/clients?size=2").body()).contains("data-testid=\"page-next\"");
    }

    @Test
    void theCsvHoldsWhatTheSearchMatched() {
        HttpResponse<String> csv = msp.get("/msp/clients?format=csv&sort=-agents");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.get(0)).startsWith("tenant_id,name,path,plan,Agents,Offline");
        assertThat(lines).hasSize(4);
        assertThat(lines.get(1)).startsWith(world.c1.toString()).contains(",4,1,3,");
    }

    @Test
    void badParametersGetAnErrorPageThatSaysWhy() {
        HttpResponse<String> sort = msp.get("/msp/clients?sort=password");
        assertThat(sort.statusCode()).isEqualTo(422);
        assertThat(sort.body()).contains("sort must be one of");
        assertThat(msp.get("/msp/clients?size=500").statusCode()).isEqualTo(422);
        assertThat(msp.get("/msp/clients?page=0").statusCode()).isEqualTo(422);
        assertThat(msp.get("/msp/clients?page=x").statusCode()).isEqualTo(400);
    }

    @Test
    void aCustomerSeesNoOtherTenantAndTheStrangerNeverShows() {
        ConsoleClient readonly = new ConsoleClient(port);
        readonly.login(world.c1Readonly, Fixtures.PASSWORD, null);
        assertThat(rows(readonly, "")).isEmpty();
        assertThat(readonly.get("/").body()).doesNotContain("href=\"/msp/clients\"");
        assertThat(msp.get("/msp/clients?q=stranger").body()).doesNotContain(world.stranger.toString());
        assertThat(msp.get("/").body()).contains("href=\"/msp/clients\"");
    }

    @Test
    void hundredsOfCustomersAreOnePageOfSetBasedReads() {
        UUID big = fx.tenant(fx.root(), "big-msp");
        List<UUID> customers = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            UUID customer = fx.tenant(big, "cust");
            customers.add(customer);
            if (i % 3 == 0) {
                seeds.agent(
                        customer,
                        Fixtures.unique("h"),
                        FleetSeeds.State.OFFLINE,
                        "linux",
                        "1.0.0",
                        java.time.Duration.ofDays(1));
            }
        }
        ConsoleClient admin = new ConsoleClient(port);
        admin.login(fx.user(big, "MSP_ADMIN"), Fixtures.PASSWORD, null);
        admin.get("/msp/clients?size=1"); // warm up templates and the hierarchy cache
        long started = System.nanoTime();
        HttpResponse<String> response = admin.get("/msp/clients?sort=-offline&size=200");
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.println("MSP roll-up of 300 customers, sorted by offline agents: " + millis + " ms");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains(">300</span> customers");
        List<UUID> firstPage = new ArrayList<>();
        Matcher m = ROW.matcher(response.body());
        while (m.find()) {
            firstPage.add(UUID.fromString(m.group(1)));
        }
        assertThat(firstPage).hasSize(200);
        // The 100 customers with an offline agent come first.
        for (int i = 0; i < 300; i += 3) {
            assertThat(firstPage.indexOf(customers.get(i))).isBetween(0, 99);
        }
    }

    @Test
    void anonymousVisitorsAreSentToTheLoginPage() {
        HttpResponse<String> response = new ConsoleClient(port).get("/msp/clients");
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(URI.create(response.headers().firstValue("Location").orElseThrow())
                        .getPath())
                .isEqualTo("/login");
    }

    private static String cell(String row, String testId) {
        Matcher m = Pattern.compile("data-testid=\"" + testId + "\"[^>]*>(.*?)</td>", Pattern.DOTALL)
                .matcher(row);
        assertThat(m.find()).as("%s in %s", testId, row).isTrue();
        return m.group(1).replaceAll("<[^>]+>", "").trim();
    }

    private static String tenantName(String body, UUID tenant) {
        Matcher m = Pattern.compile("title=\"" + tenant + "\"[^>]*>([^<]+)<").matcher(body);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }
}
