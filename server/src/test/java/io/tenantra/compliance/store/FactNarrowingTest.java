package io.tenantra.compliance.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.agents.LatestFacts;
import io.tenantra.database.TenantTransactions;
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
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The evaluator reads the items of only the modules its content can look at: the other modules
 * come back with their status and no items, and everything comes back when nothing is narrowed.
 */
@ServerTest
class FactNarrowingTest {

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fx;

    @Autowired
    LatestFacts facts;

    @Autowired
    TenantTransactions tx;

    @Autowired
    JdbcClient jdbc;

    @Test
    void onlyTheModulesAskedForComeWithTheirItems() throws InterruptedException {
        Http http = new Http(port);
        UUID tenant = fx.tenant(fx.root(), "narrowing");
        String admin = http.login(fx.user(tenant, "ADMIN"), Fixtures.PASSWORD);
        Http.Response token = http.postJson(
                "/api/v1/tenants/" + tenant + "/enrollment-tokens", admin, Map.of("name", Fixtures.unique("t")));
        SignedAgent agent = new SignedAgent(http, token.json().get("token").asString(), Fixtures.unique("host"));
        Http.Response scan = http.postJson(
                "/api/v1/tenants/" + tenant + "/scans",
                admin,
                Map.of("modules", List.of("config", "files"), "selector", Map.of("agentIds", List.of(agent.id))));
        assertThat(scan.status()).as(scan.body()).isEqualTo(201);
        UUID job = UUID.fromString(agent.poll().get(0).get("id").asString());
        Http.Response uploaded = agent.upload(
                job,
                Map.of(
                        "config",
                        List.of(
                                SignedAgent.item("sshd_setting", "port", Map.of("value", "22")),
                                SignedAgent.item("login_defs", "pass_max_days", Map.of("value", "90"))),
                        "files",
                        List.of(SignedAgent.item("file", "/etc/hosts", Map.of("sha256", "ab")))),
                List.of());
        assertThat(uploaded.status()).as(uploaded.body()).isBetween(200, 202);

        Map<String, List<Item>> all = items(tenant, agent.id, null);
        assertThat(all.get("files")).extracting(Item::key).containsExactly("/etc/hosts");
        Map<String, List<Item>> narrowed = items(tenant, agent.id, Set.of("config"));
        assertThat(narrowed).as("every module is still there, with its status").containsOnlyKeys("config", "files");
        assertThat(narrowed.get("config")).isEqualTo(all.get("config"));
        assertThat(narrowed.get("files"))
                .as("a module nothing reads comes without items")
                .isEmpty();
    }

    @Test
    void resultsStoredBeforeTheBinaryCopyAreReadFromJsonAndGivenTheirCopy() throws InterruptedException {
        Http http = new Http(port);
        UUID tenant = fx.tenant(fx.root(), "facts-copy");
        String admin = http.login(fx.user(tenant, "ADMIN"), Fixtures.PASSWORD);
        Http.Response token = http.postJson(
                "/api/v1/tenants/" + tenant + "/enrollment-tokens", admin, Map.of("name", Fixtures.unique("t")));
        SignedAgent agent = new SignedAgent(http, token.json().get("token").asString(), Fixtures.unique("host"));
        http.postJson(
                "/api/v1/tenants/" + tenant + "/scans",
                admin,
                Map.of("modules", List.of("config", "files"), "selector", Map.of("agentIds", List.of(agent.id))));
        UUID job = UUID.fromString(agent.poll().get(0).get("id").asString());
        agent.upload(
                job,
                Map.of(
                        "config",
                        List.of(SignedAgent.item(
                                "sshd_setting", "port", Map.of("value", "22", "lines", List.of(3, 7), "on", true))),
                        "files",
                        List.of(SignedAgent.item("file", "/etc/hosts", Map.of("mode", "0644", "size", 120)))),
                List.of());
        Map<String, List<Item>> fresh = items(tenant, agent.id, null);
        assertThat(copies(tenant, agent.id))
                .as("ingestion writes the binary copy")
                .containsOnly(true);

        // As if stored by an older version (no copy), and with a copy of a format this one does not know.
        tx.write(
                TenantScope.of(tenant),
                () -> jdbc.sql(
                                "UPDATE module_result SET facts = CASE module WHEN 'files' THEN NULL ELSE '\\x4663'::bytea END"
                                        + " WHERE tenant_id = ? AND agent_id = ?")
                        .params(tenant, agent.id)
                        .update());
        Map<String, List<Item>> fromJson = items(tenant, agent.id, null);

        assertThat(fromJson).isEqualTo(fresh);
        assertThat(copies(tenant, agent.id))
                .as("the missing copy and the one of an unknown format are (re)written on first reading")
                .containsOnly(true);
        assertThat(items(tenant, agent.id, null)).isEqualTo(fresh);

        // A damaged copy of the current format: read from JSON, never an evaluation failure, and rebuilt.
        tx.write(
                TenantScope.of(tenant),
                () -> jdbc.sql("UPDATE module_result SET facts = '\\x460105'::bytea"
                                + " WHERE tenant_id = ? AND agent_id = ? AND module = 'config'")
                        .params(tenant, agent.id)
                        .update());
        assertThat(items(tenant, agent.id, null)).isEqualTo(fresh);
        assertThat(tx.read(
                        TenantScope.of(tenant),
                        () -> jdbc.sql("SELECT length(facts) FROM module_result"
                                        + " WHERE tenant_id = ? AND agent_id = ? AND module = 'config'")
                                .params(tenant, agent.id)
                                .query(Integer.class)
                                .single()))
                .isGreaterThan(3);
    }

    private List<Boolean> copies(UUID tenant, UUID agent) {
        return tx.read(
                TenantScope.of(tenant),
                () -> jdbc.sql("SELECT facts IS NOT NULL AND get_byte(facts, 1) = 1 FROM module_result"
                                + " WHERE tenant_id = ? AND agent_id = ?")
                        .params(tenant, agent)
                        .query(Boolean.class)
                        .list());
    }

    private Map<String, List<Item>> items(UUID tenant, UUID agent, Set<String> modules) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            List<LatestFacts.ModuleFacts> stored = facts.latestModules(
                            TenantScope.of(tenant), tenant, List.of(agent), modules)
                    .getOrDefault(agent, List.of());
            if (stored.size() == 2 || Instant.now().isAfter(deadline)) {
                Map<String, List<Item>> byModule = new java.util.TreeMap<>();
                stored.forEach(m -> byModule.put(m.module(), m.items()));
                return byModule;
            }
            Thread.sleep(100);
        }
    }
}
