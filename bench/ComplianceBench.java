import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load for bench/run-compliance.sh. Against one running server (loopback only):
 *
 * <ol>
 *   <li>creates a tenant through the API and, as the database owner, ASSETS enrolled agents with
 *       one stored scan result each: the modules of FACTS_FILE (the JSON {@code tenantra-agent scan
 *       --once} wrote on this host), every module capped at ITEM_CAP items, the same facts for
 *       every agent (the work per asset is what matters, not variety);
 *   <li>evaluates the built-in content over all of them twice: first with no verdicts stored
 *       (every verdict inserted), then again over the same facts, as after a content update
 *       (verdicts stored, only changed ones written). {@code PUT .../compliance/enablement}
 *       queues each run, {@code GET .../compliance/evaluations/{id}} is polled until it
 *       completes; reports the run's own start-to-finish time and assets per second;
 *   <li>writes DAYS days of daily history for every enabled framework (as the owner), then
 *       measures {@code GET /api/v1/ping} (the ceiling) and {@code GET .../compliance/summary}
 *       with CLIENTS concurrent clients, REQUESTS requests each, after a warm-up: p50, p95, p99
 *       and requests per second, and the ratio of the two throughputs.
 * </ol>
 *
 * <p>Usage: java -cp postgresql.jar bench/ComplianceBench.java BASE_URL OWNER_JDBC_URL PASSWORD
 * FACTS_FILE ASSETS ITEM_CAP DAYS CLIENTS REQUESTS
 */
public class ComplianceBench {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String owner = args[1];
        String password = args[2];
        String facts = Files.readString(Path.of(args[3]));
        int assets = Integer.parseInt(args[4]);
        int itemCap = Integer.parseInt(args[5]);
        int days = Integer.parseInt(args[6]);
        int clients = Integer.parseInt(args[7]);
        int requests = Integer.parseInt(args[8]);

        String token = login(base, password);
        String root = field(send("GET", base + "/api/v1/me", token, null), "tenantId");
        String slug = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        String tenant = field(send("POST", base + "/api/v1/tenants", token,
                "{\"name\":\"Compliance bench\",\"slug\":\"" + slug + "\",\"parentId\":\"" + root
                        + "\",\"plan\":\"ENTERPRISE\"}"), "id");
        String api = base + "/api/v1/tenants/" + tenant + "/compliance";

        List<String> modules = modules(facts, itemCap);
        long seeded = System.nanoTime();
        seed(owner, UUID.fromString(tenant), assets, modules);
        System.out.printf("seeded %d assets x %d modules in %.1f s%n", assets, modules.size(),
                (System.nanoTime() - seeded) / 1e9);

        // First with no verdicts stored (every verdict is inserted), then again over the same
        // facts, as after a content update (verdicts stored; only changed ones are written).
        // Access tokens live minutes, a slow machine's seeding and first evaluation longer: log in
        // again before each phase.
        reEvaluate("first evaluation", base, password, api, assets);
        reEvaluate("re-evaluation", base, password, api, assets);
        token = login(base, password);

        history(owner, UUID.fromString(tenant), days);
        int perClient = Math.max(1, requests / clients);
        measure("ping (warm-up)", base + "/api/v1/ping", null, clients, Math.max(1, perClient / 5));
        measure("summary (warm-up)", api + "/summary", token, clients, Math.max(1, perClient / 5));
        double ping = measure("ping", base + "/api/v1/ping", null, clients, perClient);
        double summary = measure("summary", api + "/summary", token, clients, perClient);
        System.out.printf("ratio summary/ping=%.2f%n", summary / ping);
    }

    /** Queues a re-evaluation of every asset and reports the run's own start-to-finish time. */
    private static void reEvaluate(String label, String base, String password, String api, int assets)
            throws Exception {
        String token = login(base, password);
        long loggedIn = System.nanoTime();
        String run = field(send("PUT", api + "/enablement", token, "{\"frameworks\":null,\"policies\":null}"), "id");
        String state;
        String body;
        do {
            Thread.sleep(500);
            if (System.nanoTime() - loggedIn > 600e9) { // well inside the 15-minute access token
                token = login(base, password);
                loggedIn = System.nanoTime();
            }
            body = send("GET", api + "/evaluations/" + run, token, null);
            state = field(body, "state");
        } while (state.equals("queued") || state.equals("running"));
        Instant started = Instant.parse(field(body, "startedAt"));
        Instant finished = Instant.parse(field(body, "finishedAt"));
        double seconds = Duration.between(started, finished).toMillis() / 1000.0;
        System.out.printf("%s: state=%s total=%s done=%s seconds=%.1f assets_per_s=%.0f%n",
                label, state, field(body, "total"), field(body, "done"), seconds, assets / seconds);
    }

    /** Each module of the scan document as JSON text for module_result, items capped. */
    private static List<String> modules(String document, int cap) {
        // The document is the agent's own JSON; module results are copied as they are, except
        // that each keeps at most {@code cap} items (a host's package list can run to thousands).
        var mapper = new ObjectMapperLite();
        return mapper.modules(document, cap);
    }

    private static void seed(String ownerUrl, UUID tenant, int assets, List<String> modules) throws Exception {
        try (Connection c = DriverManager.getConnection(ownerUrl, "postgres", "")) {
            c.setAutoCommit(false);
            UUID scan = UUID.randomUUID();
            try (PreparedStatement s = c.prepareStatement("INSERT INTO scan (id, tenant_id, selector, job_count,"
                    + " created_at, deadline_at) VALUES (?, ?, '{\"all\":true}', ?, now(), now() + interval '1 hour')")) {
                s.setObject(1, scan);
                s.setObject(2, tenant);
                s.setInt(3, assets);
                s.executeUpdate();
            }
            try (PreparedStatement agent = c.prepareStatement("INSERT INTO agent (id, tenant_id, name, hostname,"
                            + " os_family, public_key, config, config_etag, heartbeat_seconds, enrolled_at, last_seen_at,"
                            + " modified_at) VALUES (?, ?, ?, ?, 'linux', ?, '{}', 'e', 60, now(), now(), now())");
                    PreparedStatement job = c.prepareStatement("INSERT INTO agent_job (id, tenant_id, scan_id, agent_id,"
                            + " modules, module_timeout_seconds, status, max_attempts, queued_at, deadline_at,"
                            + " finished_at) VALUES (?, ?, ?, ?, '{}', 60, 'succeeded', 1, now(), now(), now())");
                    PreparedStatement result = c.prepareStatement("INSERT INTO module_result (tenant_id, job_id,"
                            + " module, scan_id, agent_id, status, item_count, risk_count, items, risks, messages,"
                            + " collected_at) VALUES (?, ?, ?, ?, ?, 'ok', 0, 0, ?::jsonb, '[]', '[]', now())")) {
                for (int i = 0; i < assets; i++) {
                    UUID id = UUID.randomUUID();
                    UUID jobId = UUID.randomUUID();
                    agent.setObject(1, id);
                    agent.setObject(2, tenant);
                    agent.setString(3, "bench-" + i);
                    agent.setString(4, "bench-host-" + i);
                    // A distinct 44-character key per agent (keys are unique among live agents).
                    agent.setString(5, java.util.Base64.getEncoder().encodeToString(
                            (String.format("%012d", i) + id.toString().substring(0, 20)).getBytes()));
                    agent.addBatch();
                    job.setObject(1, jobId);
                    job.setObject(2, tenant);
                    job.setObject(3, scan);
                    job.setObject(4, id);
                    job.addBatch();
                    for (String module : modules) {
                        int split = module.indexOf('\n');
                        result.setObject(1, tenant);
                        result.setObject(2, jobId);
                        result.setString(3, module.substring(0, split));
                        result.setObject(4, scan);
                        result.setObject(5, id);
                        result.setString(6, module.substring(split + 1));
                        result.addBatch();
                    }
                    if (i % 200 == 199 || i == assets - 1) {
                        agent.executeBatch();
                        job.executeBatch();
                        result.executeBatch();
                        c.commit();
                    }
                }
            }
        }
    }

    private static void history(String ownerUrl, UUID tenant, int days) throws Exception {
        try (Connection c = DriverManager.getConnection(ownerUrl, "postgres", "");
                PreparedStatement s = c.prepareStatement("INSERT INTO compliance_score_daily (tenant_id, framework_id,"
                        + " day, pass_count, fail_count, na_count, error_count, pass_with_exceptions,"
                        + " fail_with_exceptions, asset_count, mean_score, pooled_score, mean_score_with_exceptions,"
                        + " pooled_score_with_exceptions, updated_at)"
                        + " SELECT tenant_id, framework_id, d::date, pass_count, fail_count, na_count, error_count,"
                        + " pass_with_exceptions, fail_with_exceptions, asset_count, mean_score, pooled_score,"
                        + " mean_score_with_exceptions, pooled_score_with_exceptions, now()"
                        + " FROM compliance_score_daily CROSS JOIN generate_series(current_date - ?, current_date - 1,"
                        + " interval '1 day') d WHERE tenant_id = ? AND day = current_date"
                        + " ON CONFLICT DO NOTHING")) {
            s.setInt(1, days - 1);
            s.setObject(2, tenant);
            System.out.printf("history rows written: %d%n", s.executeUpdate());
        }
    }

    /** Requests per second over all clients; prints latency percentiles. */
    private static double measure(String label, String url, String token, int clients, int perClient)
            throws Exception {
        long[][] latencies = new long[clients][perClient];
        AtomicInteger failures = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            int client = c;
            Thread t = new Thread(() -> {
                for (int i = 0; i < perClient; i++) {
                    long t0 = System.nanoTime();
                    try {
                        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(url)).GET();
                        if (token != null) {
                            r.header("Authorization", "Bearer " + token);
                        }
                        if (HTTP.send(r.build(), HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
                            failures.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failures.incrementAndGet();
                    }
                    latencies[client][i] = System.nanoTime() - t0;
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
        double rps = all.length / seconds;
        System.out.printf("%s: requests=%d failures=%d rps=%.0f p50=%.1fms p95=%.1fms p99=%.1fms%n",
                label, all.length, failures.get(), rps, pct(all, 50), pct(all, 95), pct(all, 99));
        return rps;
    }

    private static double pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }

    private static String login(String base, String password) throws Exception {
        return field(send("POST", base + "/api/v1/auth/login", null,
                "{\"username\":\"admin\",\"password\":\"" + password + "\"}"), "accessToken");
    }

    private static String send(String method, String url, String token, String json) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(url))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            r.header("Content-Type", "application/json");
        }
        if (token != null) {
            r.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + url + " -> " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    /** The first value of {@code "name": value} (string, number or null) anywhere in a JSON text. */
    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*(\"([^\"]*)\"|[^,}\\s]+)").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(2) != null ? m.group(2) : m.group(1);
    }

    /**
     * Just enough JSON handling to cut the scan document into module results: finds each module's
     * name and its "items" array by bracket matching, so the bench needs nothing beyond the JDK and
     * the JDBC driver. Items are copied verbatim.
     */
    static final class ObjectMapperLite {

        List<String> modules(String document, int cap) {
            List<String> out = new ArrayList<>();
            Matcher name = Pattern.compile("\"module\"\\s*:\\s*\"([a-z0-9_-]+)\"").matcher(document);
            int from = 0;
            // Items may carry a "module" attribute of their own (PAM rules do): the next module's
            // name is searched only after this module's items.
            while (name.find(from)) {
                int items = document.indexOf("\"items\"", name.end());
                int open = document.indexOf('[', items);
                int close = matching(document, open);
                out.add(name.group(1) + "\n" + cap(document.substring(open, close + 1), cap));
                from = close + 1;
            }
            return out;
        }

        private static int matching(String s, int open) {
            int depth = 0;
            boolean inString = false;
            for (int i = open; i < s.length(); i++) {
                char c = s.charAt(i);
                if (inString) {
                    if (c == '\\') {
                        i++;
                    } else if (c == '"') {
                        inString = false;
                    }
                } else if (c == '"') {
                    inString = true;
                } else if (c == '[' || c == '{') {
                    depth++;
                } else if ((c == ']' || c == '}') && --depth == 0) {
                    return i;
                }
            }
            throw new IllegalStateException("unbalanced JSON");
        }

        /** The array with at most {@code cap} top-level elements. */
        private static String cap(String array, int cap) {
            int count = 0;
            int i = 1;
            while (i < array.length() - 1) {
                char c = array.charAt(i);
                if (c == '{') {
                    int end = matching(array, i);
                    if (++count == cap) {
                        return array.substring(0, end + 1) + "]";
                    }
                    i = end + 1;
                } else {
                    i++;
                }
            }
            return array;
        }
    }
}
