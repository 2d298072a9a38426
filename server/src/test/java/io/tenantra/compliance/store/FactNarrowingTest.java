package io.tenantra.compliance.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.agents.LatestFacts;
import io.tenantra.model.Item;
import io.tenantra.platform.context.TenantScope;
import io.tenantra.support.Fixtures;
import io.tenantra.support.Http;
import io.tenantra.support.ServerTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The evaluator reads only the item types its content can look at: the database narrows each
 * stored module result to those types, keeping the order they are stored in, and reads
 * everything when asked for no narrowing.
 */
@ServerTest
class FactNarrowingTest {

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fx;

    @Autowired
    LatestFacts facts;

    @Test
    void storedItemsAreNarrowedToTheTypesAskedForInReportedOrder() throws InterruptedException {
        Http http = new Http(port);
        UUID tenant = fx.tenant(fx.root(), "narrowing");
        String admin = http.login(fx.user(tenant, "ADMIN"), Fixtures.PASSWORD);
        Http.Response token = http.postJson(
                "/api/v1/tenants/" + tenant + "/enrollment-tokens", admin, Map.of("name", Fixtures.unique("t")));
        SignedAgent agent = new SignedAgent(http, token.json().get("token").asString(), Fixtures.unique("host"));
        Http.Response scan = http.postJson(
                "/api/v1/tenants/" + tenant + "/scans",
                admin,
                Map.of("modules", List.of("config"), "selector", Map.of("agentIds", List.of(agent.id))));
        assertThat(scan.status()).as(scan.body()).isEqualTo(201);
        UUID job = UUID.fromString(agent.poll().get(0).get("id").asString());
        Http.Response uploaded = agent.upload(
                job,
                Map.of(
                        "config",
                        List.of(
                                SignedAgent.item("sshd_setting", "port", Map.of("value", "22")),
                                SignedAgent.item("file", "/etc/hosts", Map.of("sha256", "ab")),
                                SignedAgent.item("login_defs", "pass_max_days", Map.of("value", "90")),
                                SignedAgent.item("sshd_setting", "permitrootlogin", Map.of("value", "no")))),
                List.of());
        assertThat(uploaded.status()).as(uploaded.body()).isBetween(200, 202);

        List<Item> all = items(tenant, agent.id, null);
        assertThat(all).extracting(Item::type).contains("file");
        List<Item> narrowed = items(tenant, agent.id, Set.of("sshd_setting", "login_defs"));
        assertThat(narrowed)
                .as("only the types asked for, in the order stored")
                .containsExactlyElementsOf(
                        all.stream().filter(i -> !i.type().equals("file")).toList());
        assertThat(narrowed)
                .extracting(Item::key)
                .containsExactlyInAnyOrder("port", "pass_max_days", "permitrootlogin");
        assertThat(items(tenant, agent.id, Set.of("nothing-reads-this"))).isEmpty();
    }

    private List<Item> items(UUID tenant, UUID agent, Set<String> types) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            List<LatestFacts.ModuleFacts> modules = facts.latestModules(
                            TenantScope.of(tenant), tenant, List.of(agent), types)
                    .getOrDefault(agent, List.of());
            if (!modules.isEmpty() || Instant.now().isAfter(deadline)) {
                return modules.stream().flatMap(m -> m.items().stream()).toList();
            }
            Thread.sleep(100);
        }
    }
}
