package io.tenantra.agents;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.support.AuditRecorder;
import io.tenantra.support.ConsoleClient;
import io.tenantra.support.Fixtures;
import io.tenantra.support.Http;
import io.tenantra.support.ServerTest;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The module table at scale and the redaction of sensitive values: a files result of 2,605 items
 * paged, searched, sorted, filtered and exported in SQL; a processes result whose command lines
 * hold a password, masked for READONLY in the page, its search, its CSV and the scan export API,
 * and shown to ADMIN; 57 identical HIGH risks shown as one group naming each process by name + PID.
 */
@ServerTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AgentModuleTableTest {

    static final int FILES = 2605;
    static final String SECRET = "hunter2-s3cret";

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fx;

    @Autowired
    SensitiveValues sensitive;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AuditRecorder audit;

    Http http;
    AgentWorld world;
    TestAgent agent;
    UUID scanId;
    ConsoleClient admin;
    ConsoleClient readonly;
    String readonlyToken;

    @BeforeAll
    void uploadAResult() {
        http = new Http(port);
        world = new AgentWorld(http, fx);
        agent = world.agent();
        var scan = http.postJson(
                world.base() + "/scans",
                world.adminToken,
                Map.of("modules", List.of("files", "processes"), "selector", Map.of("agentIds", List.of(agent.id))));
        assertThat(scan.status()).isEqualTo(201);
        scanId = UUID.fromString(scan.json().get("id").asString());
        UUID jobId = UUID.fromString(
                agent.poll(0).json().get("jobs").get(0).get("id").asString());
        assertThat(agent.upload(jobId, result(jobId), true).status()).isEqualTo(200);
        admin = new ConsoleClient(port);
        admin.login(fx.user(world.tenantId, "ADMIN"), Fixtures.PASSWORD, null);
        String readonlyUser = fx.user(world.tenantId, "READONLY");
        readonly = new ConsoleClient(port);
        readonly.login(readonlyUser, Fixtures.PASSWORD, null);
        readonlyToken = http.login(readonlyUser, Fixtures.PASSWORD);
    }

    private byte[] result(UUID jobId) {
        List<Map<String, Object>> files = new ArrayList<>();
        for (int i = 0; i < FILES; i++) {
            files.add(Map.of(
                    "type", i % 5 == 0 ? "directory" : "file",
                    "key", String.format("/srv/data/file-%05d", i),
                    "attributes", Map.of("size", i * 7 % 1000, "mode", "0644", "sha256", "ab".repeat(32))));
        }
        List<Map<String, Object>> processes = new ArrayList<>();
        List<Map<String, Object>> risks = new ArrayList<>();
        for (int pid = 1000; pid < 1057; pid++) {
            processes.add(Map.of(
                    "type", "process",
                    "key", Integer.toString(pid),
                    "attributes", Map.of("name", "worker", "pid", pid, "cmdline", "/usr/bin/worker --queue q" + pid)));
            risks.add(Map.of(
                    "severity", "HIGH",
                    "code", "process.runs_from_tmp",
                    "itemType", "process",
                    "itemKey", Integer.toString(pid),
                    "reason", "the executable lives in /tmp"));
        }
        processes.add(Map.of(
                "type",
                "process",
                "key",
                "2000",
                "attributes",
                Map.of(
                        "name",
                        "mysqld",
                        "pid",
                        2000,
                        "cmdline",
                        "mysqld --user=db password=" + SECRET + " --port 3306")));
        var body = (tools.jackson.databind.node.ObjectNode)
                TestAgent.JSON.readTree(TestAgent.result(jobId, List.of("files", "processes"), "ok", 0));
        var results = body.get("results");
        ((tools.jackson.databind.node.ObjectNode) results.get(0)).set("items", TestAgent.JSON.valueToTree(files));
        ((tools.jackson.databind.node.ObjectNode) results.get(1)).set("items", TestAgent.JSON.valueToTree(processes));
        ((tools.jackson.databind.node.ObjectNode) results.get(1)).set("risks", TestAgent.JSON.valueToTree(risks));
        return TestAgent.JSON.writeValueAsBytes(body);
    }

    private String module(String module, String query) {
        return "/agents/" + agent.id + "/modules/" + module + "?tenant=" + world.tenantId + query;
    }

    private static List<String> keys(String html) {
        List<String> keys = new ArrayList<>();
        Matcher m = Pattern.compile("data-testid=\"item-row\" data-key=\"([^\"]+)\"")
                .matcher(html);
        while (m.find()) {
            keys.add(m.group(1));
        }
        return keys;
    }

    private static String q(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Test
    void thousandsOfItemsArePagedSearchedSortedFilteredAndExported() {
        HttpResponse<String> first = admin.get(module("files", "&sort=key"));
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(keys(first.body())).hasSize(50).startsWith("/srv/data/file-00000", "/srv/data/file-00001");
        assertThat(first.body()).contains(FILES + " items match · page 1 of 53");

        assertThat(keys(admin.get(module("files", "&sort=key&page=53")).body()))
                .containsExactly(
                        "/srv/data/file-02600",
                        "/srv/data/file-02601",
                        "/srv/data/file-02602",
                        "/srv/data/file-02603",
                        "/srv/data/file-02604");
        // Unfiltered, in the stored order (directories first, as ingestion sorts by type and key):
        // a slice of the array, checked against the same order computed by the sorted query.
        List<String> stored = keys(admin.get(module("files", "&page=2")).body());
        assertThat(stored).hasSize(50).first().isEqualTo("/srv/data/file-00250");
        assertThat(stored)
                .isEqualTo(keys(
                        admin.get(module("files", "&type=directory&page=2")).body()));
        assertThat(keys(admin.get(module("files", "&page=53")).body())).hasSize(5);
        assertThat(admin.get(module("files", "&page=54")).body()).contains(FILES + " items match · page 54 of 53");
        assertThat(keys(admin.get(module("files", "&q=file-0123")).body())).hasSize(10);
        assertThat(keys(admin.get(module("files", "&sort=-key")).body()))
                .first()
                .isEqualTo("/srv/data/file-02604");
        // Numbers sort as numbers: 999 is the largest size (i * 7 % 1000), not "99" or "998".
        String bySize = admin.get(module("files", "&sort=-size&size=1")).body();
        assertThat(bySize).contains("data-column=\"size\"").containsPattern("<span>999</span>");
        String directories = admin.get(module("files", "&type=directory")).body();
        assertThat(directories).contains("521 items match");
        assertThat(admin.get(module("files", "&sort=nonsense")).body())
                .contains("data-testid=\"filter-error\"")
                .contains("sort");

        HttpResponse<String> csv = admin.get(module("files", "&type=directory&q=file-001&format=csv"));
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.get(0)).isEqualTo("type,key,mode,sha256,size");
        assertThat(lines).hasSize(1 + 20).allMatch(l -> l.equals(lines.get(0)) || l.startsWith("directory,"));
        assertThat(audit.events("agent.export", agent.id))
                .as("the export is on the record: module, filters, rows, whether values were redacted")
                .anySatisfy(e -> assertThat(e.changes())
                        .containsEntry("module", "files")
                        .containsEntry("type", "directory")
                        .containsEntry("q", "file-001")
                        .containsEntry("rows", 20)
                        .containsEntry("redacted", false));
    }

    @Test
    void identicalRisksAreOneGroupNamingProcessesByNameAndPid() {
        String page = admin.get(module("processes", "")).body();
        assertThat(Pattern.compile("data-testid=\"risk-row\"")
                        .matcher(page)
                        .results()
                        .count())
                .isEqualTo(1);
        assertThat(page).contains("data-count=\"57\"").contains("57 items").contains("worker (PID 1000)");
        String agentPage =
                admin.get("/agents/" + agent.id + "?tenant=" + world.tenantId).body();
        assertThat(agentPage).contains("data-count=\"57\"").contains("worker (PID 1056)");
    }

    @Test
    void commandLineSecretsAreMaskedForReadonlyInPagesSearchCsvAndTheApi() {
        String mask = sensitive.mask();
        String masked = readonly.get(module("processes", "&q=mysqld")).body();
        assertThat(masked).contains("password=" + mask).doesNotContain(SECRET).contains("redaction-note");
        assertThat(admin.get(module("processes", "&q=mysqld")).body()).contains("password=" + SECRET);

        // A search cannot test for the hidden value.
        assertThat(keys(readonly.get(module("processes", "&q=" + q(SECRET))).body()))
                .isEmpty();
        assertThat(keys(admin.get(module("processes", "&q=" + q(SECRET))).body()))
                .containsExactly("2000");

        assertThat(readonly.get(module("processes", "&format=csv")).body())
                .contains("password=" + mask)
                .doesNotContain(SECRET);
        assertThat(admin.get(module("processes", "&format=csv")).body()).contains(SECRET);

        String export = "/scans/" + scanId + "/export.csv";
        assertThat(http.get(world.base() + export, readonlyToken).body())
                .contains("password=" + mask)
                .doesNotContain(SECRET);
        assertThat(http.get(world.base() + export, world.adminToken).body()).contains("password=" + SECRET);
        assertThat(readonly.get(export + "?tenant=" + world.tenantId).body()).doesNotContain(SECRET);
    }

    @Test
    void theRedactionRulesMaskTheDocumentedFormsAndAgreeWithTheSqlVersion() {
        String m = sensitive.mask();
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("app --password=abc --user bob", "app --password=" + m + " --user bob");
        cases.put("app --password abc", "app --password " + m);
        cases.put("curl -H 'Authorization: Bearer eyJabc.def' x", "curl -H 'Authorization: Bearer " + m + "' x");
        cases.put("mysql -uroot -pS3cret db", "mysql -uroot -p" + m + " db");
        cases.put(
                "run token=abc secret=def passwd=ghi api_key=jkl",
                "run token=" + m + " secret=" + m + " passwd=" + m + " api_key=" + m);
        cases.put("psql postgres://app:pw@db:5432/x", "psql postgres://app:" + m + "@db:5432/x");
        cases.put("/usr/sbin/sshd -D", "/usr/sbin/sshd -D");
        cases.forEach((raw, expected) -> {
            assertThat(sensitive.redact(raw)).as(raw).isEqualTo(expected);
            List<Object> params = new ArrayList<>(List.of(raw));
            String sql = "SELECT " + sensitive.sql("?::text", params);
            assertThat(jdbc.sql(sql).params(params).query(String.class).single())
                    .as("SQL: " + raw)
                    .isEqualTo(expected);
        });
    }
}
