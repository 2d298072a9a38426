package io.tenantra.agents;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.database.TenantTransactions;
import io.tenantra.platform.context.TenantScope;
import io.tenantra.support.AuditRecorder;
import io.tenantra.support.ConsoleClient;
import io.tenantra.support.Fixtures;
import io.tenantra.support.Http;
import io.tenantra.support.ServerTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The agents list page: offset pages with a total, sorting, search over name, host and tags, status filters, CSV. */
@ServerTest
class AgentListPageTest {

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fx;

    @Autowired
    AuditRecorder audit;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TenantTransactions tx;

    private static List<String> names(String html) {
        List<String> names = new ArrayList<>();
        Matcher m = Pattern.compile("data-testid=\"agent-row\" data-agent-name=\"([^\"]+)\"")
                .matcher(html);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    @Test
    void theListPagesSortsSearchesFiltersAndExports() {
        Http http = new Http(port);
        AgentWorld world = new AgentWorld(http, fx);
        List<TestAgent> agents = new ArrayList<>();
        for (int i = 0; i < 27; i++) {
            agents.add(world.agent(i == 3 ? "windows" : "linux", i == 5 ? Map.of("site", "paris") : Map.of()));
        }
        List<String> all = new ArrayList<>();
        for (int i = 0; i < agents.size(); i++) {
            String name = String.format("agent-%02d", i);
            assertThat(http.send(http.request(world.base() + "/agents/" + agents.get(i).id, world.adminToken)
                                    .header("Content-Type", "application/json")
                                    .method(
                                            "PATCH",
                                            java.net.http.HttpRequest.BodyPublishers.ofString(
                                                    "{\"name\":\"" + name + "\"}"))
                                    .build())
                            .status())
                    .isEqualTo(200);
            all.add(name);
        }
        // Heard from after enrolling: every agent but agent-07, which stays "never".
        tx.write(
                TenantScope.of(world.tenantId),
                () -> jdbc.sql(
                                "UPDATE agent SET last_seen_at = enrolled_at + interval '1 minute' WHERE tenant_id = ? AND name <> 'agent-07'")
                        .params(world.tenantId)
                        .update());
        ConsoleClient console = new ConsoleClient(port);
        console.login(fx.user(world.tenantId, "READONLY"), Fixtures.PASSWORD, null);
        String base = "/agents?tenant=" + world.tenantId;

        String first = console.get(base).body();
        assertThat(names(first)).isEqualTo(all.subList(0, 25));
        assertThat(first).contains("27 agents · page 1 of 2").contains("data-testid=\"next-page\"");
        assertThat(names(console.get(base + "&page=2").body())).containsExactly("agent-25", "agent-26");
        assertThat(console.get(base + "&page=5").body()).contains("27 agents · page 5 of 2");
        assertThat(names(console.get(base + "&sort=-name&size=3").body()))
                .containsExactly("agent-26", "agent-25", "agent-24");
        assertThat(names(console.get(base + "&sort=os&size=27").body())).last().isEqualTo("agent-03");
        assertThat(names(console.get(base + "&q=site%3Dparis").body())).containsExactly("agent-05");
        assertThat(names(console.get(base + "&q=agent-1").body())).hasSize(10);
        assertThat(names(console.get(base + "&status=never").body())).containsExactly("agent-07");
        assertThat(names(console.get(base + "&status=offline").body())).isEmpty();
        assertThat(console.get(base + "&sort=secret").body()).contains("data-testid=\"filter-error\"");

        var csv = console.get(base + "&q=agent-2&sort=-name&format=csv");
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.get(0)).startsWith("name,tenant,hostname,status,os");
        assertThat(lines.subList(1, lines.size()))
                .extracting(l -> l.split(",")[0])
                .containsExactly("agent-26", "agent-25", "agent-24", "agent-23", "agent-22", "agent-21", "agent-20");
        assertThat(audit.events("agent.export", world.tenantId))
                .as("the export is on the record, with its filters and row count")
                .singleElement()
                .satisfies(e -> assertThat(e.changes())
                        .containsEntry("q", "agent-2")
                        .containsEntry("sort", "-name")
                        .containsEntry("rows", 7)
                        .doesNotContainKey("status"));
    }
}
