import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The console at scale (bench/run-console.sh): creates a tenant through the API, then as the
 * database owner seeds AGENTS agents (names, hosts, OS, versions and tags that vary) and, on the
 * first of them, one files module result of ITEMS items plus a processes result; then signs in to
 * the console as the bootstrap admin and times the agents list, the agent page, the module table
 * (first page, a search, a sort by a column, page 100) and the scans page. Each page is fetched
 * WARMUP times unmeasured, then RUNS times; each page's server time (from its {@code Server-Timing:
 * app;dur=} header: filter entry to commit) and its request latency on loopback (server time plus
 * transfer and the client's reading) are reported side by side as p50 and p95.
 *
 * <p>Arguments: BASE_URL OWNER_JDBC_URL ADMIN_PASSWORD AGENTS ITEMS RUNS
 */
public class ConsoleBench {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .cookieHandler(new CookieManager())
            .build();
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final int WARMUP = 3;

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String owner = args[1];
        String password = args[2];
        int agents = Integer.parseInt(args[3]);
        int items = Integer.parseInt(args[4]);
        int runs = Integer.parseInt(args[5]);

        String token = field(api("POST", base + "/api/v1/auth/login", null,
                "{\"username\":\"admin\",\"password\":\"" + password + "\"}"), "accessToken");
        String root = field(api("GET", base + "/api/v1/me", token, null), "tenantId");
        String slug = "console-" + UUID.randomUUID().toString().substring(0, 8);
        UUID tenant = UUID.fromString(field(api("POST", base + "/api/v1/tenants", token,
                "{\"name\":\"Console bench\",\"slug\":\"" + slug + "\",\"parentId\":\"" + root
                        + "\",\"plan\":\"ENTERPRISE\"}"), "id"));
        long t0 = System.nanoTime();
        UUID first = seed(owner, tenant, agents, items);
        System.out.printf("seeded %d agents and a files result of %d items in %.1f s%n", agents, items,
                (System.nanoTime() - t0) / 1e9);

        signIn(base, password);
        String t = "tenant=" + tenant;
        String agent = "/agents/" + first;
        String files = agent + "/modules/files?" + t;
        // Every page is fetched WARMUP times before any is measured, so the first page measured
        // does not carry the JIT's warm-up for all the others.
        java.util.LinkedHashMap<String, String> pages = new java.util.LinkedHashMap<>();
        pages.put("agents list (page 1 of " + (agents / 25) + ")", base + "/agents?" + t);
        pages.put("agents list sorted by last seen, descending", base + "/agents?" + t + "&sort=-last_seen");
        pages.put("agents list search", base + "/agents?" + t + "&q=web-0042");
        pages.put("agent page", base + agent + "?" + t);
        pages.put("module table, first page", base + files);
        pages.put("module table, search", base + files + "&q=" + URLEncoder.encode("file-0424", StandardCharsets.UTF_8));
        pages.put("module table, sort by size desc", base + files + "&sort=-size");
        pages.put("module table, page 100", base + files + "&page=100");
        pages.put("scans page", base + "/scans?" + t);
        pages.put("dashboard, one tenant", base + "/?" + t);
        pages.put("audit log", base + "/audit-logs?" + t);
        pages.put("audit log, free-text search", base + "/audit-logs?" + t + "&q=agent");
        pages.put("tenants table, sorted by creation, descending", base + "/tenants?sort=-created");
        for (int i = 0; i < WARMUP; i++) {
            for (String url : pages.values()) {
                HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding());
            }
        }
        for (var page : pages.entrySet()) {
            measure(page.getKey(), page.getValue(), runs);
        }
    }

    /** Agents, one scan with one job per agent, and the big module results on the first agent. */
    private static UUID seed(String ownerUrl, UUID tenant, int agents, int items) throws Exception {
        UUID first = null;
        try (Connection c = DriverManager.getConnection(ownerUrl, "postgres", "")) {
            c.setAutoCommit(false);
            UUID scan = UUID.randomUUID();
            try (PreparedStatement s = c.prepareStatement("INSERT INTO scan (id, tenant_id, selector, job_count,"
                    + " created_at, deadline_at) VALUES (?, ?, '{\"all\":true}', ?, now(), now() + interval '1 hour')")) {
                s.setObject(1, scan);
                s.setObject(2, tenant);
                s.setInt(3, agents);
                s.executeUpdate();
            }
            UUID firstJob = null;
            try (PreparedStatement agent = c.prepareStatement("INSERT INTO agent (id, tenant_id, name, hostname,"
                            + " os_family, os_version, agent_version, tags, public_key, config, config_etag,"
                            + " heartbeat_seconds, connection, enrolled_at, last_seen_at, modified_at) VALUES (?, ?, ?, ?,"
                            + " ?, ?, ?, ?::jsonb, ?, '{\"modules\":[],\"heartbeatSeconds\":60,\"moduleTimeoutSeconds\":300,"
                            + "\"pollWaitSeconds\":30}', 'e', 60, ?, now() - interval '30 days',"
                            + " now() - (? * interval '1 minute'), now())");
                    PreparedStatement job = c.prepareStatement("INSERT INTO agent_job (id, tenant_id, scan_id, agent_id,"
                            + " modules, module_timeout_seconds, status, max_attempts, queued_at, deadline_at,"
                            + " finished_at) VALUES (?, ?, ?, ?, '{}', 60, 'succeeded', 1, now(), now(), now())")) {
                for (int i = 0; i < agents; i++) {
                    UUID id = UUID.randomUUID();
                    UUID jobId = UUID.randomUUID();
                    if (i == 0) {
                        first = id;
                        firstJob = jobId;
                    }
                    agent.setObject(1, id);
                    agent.setObject(2, tenant);
                    agent.setString(3, String.format("%s-%04d", i % 3 == 0 ? "db" : "web", i));
                    agent.setString(4, String.format("host-%04d.example.net", i));
                    agent.setString(5, i % 10 == 0 ? "windows" : "linux");
                    agent.setString(6, i % 10 == 0 ? "11" : "24.04");
                    agent.setString(7, "0." + (i % 4) + "." + (i % 7));
                    agent.setString(8, "{\"site\":\"site-" + (i % 12) + "\",\"env\":\"" + (i % 2 == 0 ? "prod" : "test") + "\"}");
                    agent.setString(9, java.util.Base64.getEncoder().encodeToString(
                            (String.format("%012d", i) + id.toString().substring(0, 20)).getBytes()));
                    agent.setString(10, i % 5 == 0 ? "offline" : "online");
                    agent.setInt(11, i % 500);
                    agent.addBatch();
                    job.setObject(1, jobId);
                    job.setObject(2, tenant);
                    job.setObject(3, scan);
                    job.setObject(4, id);
                    job.addBatch();
                    if (i % 200 == 199 || i == agents - 1) {
                        agent.executeBatch();
                        job.executeBatch();
                        c.commit();
                    }
                }
            }
            try (PreparedStatement result = c.prepareStatement("INSERT INTO module_result (tenant_id, job_id,"
                    + " module, scan_id, agent_id, status, item_count, risk_count, items, risks, messages,"
                    + " collected_at) VALUES (?, ?, ?, ?, ?, 'ok', ?, ?, ?::jsonb, ?::jsonb, '[]', now())")) {
                StringBuilder files = new StringBuilder("[");
                for (int i = 0; i < items; i++) {
                    files.append(i == 0 ? "" : ",").append("{\"type\":\"").append(i % 10 == 0 ? "directory" : "file")
                            .append("\",\"key\":\"/srv/data/").append(i / 1000).append("/file-").append(String.format("%06d", i))
                            .append("\",\"attributes\":{\"size\":").append(i * 7919 % 1_000_003)
                            .append(",\"mode\":\"0644\",\"owner\":\"root\",\"sha256\":\"")
                            .append(String.format("%064x", (long) i * 2654435761L)).append("\"}}");
                }
                files.append("]");
                StringBuilder processes = new StringBuilder("[");
                StringBuilder risks = new StringBuilder("[");
                for (int pid = 1000; pid < 1300; pid++) {
                    processes.append(pid == 1000 ? "" : ",").append("{\"type\":\"process\",\"key\":\"").append(pid)
                            .append("\",\"attributes\":{\"name\":\"worker\",\"pid\":").append(pid)
                            .append(",\"cmdline\":\"/opt/app/worker --db-password=s3cret --id ").append(pid).append("\"}}");
                    if (pid < 1057) {
                        risks.append(pid == 1000 ? "" : ",").append("{\"severity\":\"HIGH\",\"code\":\"process.tmp\","
                                + "\"itemType\":\"process\",\"itemKey\":\"").append(pid)
                                .append("\",\"reason\":\"runs from /tmp\"}");
                    }
                }
                processes.append("]");
                risks.append("]");
                insert(result, tenant, firstJob, "files", scan, first, items, 0, files.toString(), "[]");
                insert(result, tenant, firstJob, "processes", scan, first, 300, 57, processes.toString(), risks.toString());
                result.executeBatch();
                c.commit();
            }
        }
        return first;
    }

    private static void insert(PreparedStatement s, UUID tenant, UUID job, String module, UUID scan, UUID agent,
            int items, int risks, String itemsJson, String risksJson) throws Exception {
        s.setObject(1, tenant);
        s.setObject(2, job);
        s.setString(3, module);
        s.setObject(4, scan);
        s.setObject(5, agent);
        s.setInt(6, items);
        s.setInt(7, risks);
        s.setString(8, itemsJson);
        s.setString(9, risksJson);
        s.addBatch();
    }

    private static void signIn(String base, String password) throws Exception {
        String login = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = CSRF.matcher(login);
        if (!m.find()) {
            throw new IllegalStateException("no CSRF token on the login page");
        }
        String form = "username=admin&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf="
                + URLEncoder.encode(m.group(1), StandardCharsets.UTF_8);
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 302 || r.headers().firstValue("Location").orElse("").contains("error")) {
            throw new IllegalStateException("console sign-in failed: " + r.statusCode() + " " + r.headers().map());
        }
    }

    /** One page, sequentially: WARMUP unmeasured fetches, then {@code runs} measured ones. */
    private static void measure(String label, String url, int runs) throws Exception {
        double[] server = new double[runs];
        double[] latency = new double[runs];
        int bytes = 0;
        for (int i = -WARMUP; i < runs; i++) {
            long t0 = System.nanoTime();
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString());
            double ms = (System.nanoTime() - t0) / 1e6;
            if (r.statusCode() != 200) {
                throw new IllegalStateException(url + " -> " + r.statusCode());
            }
            if (i < 0) {
                continue;
            }
            bytes = r.body().length();
            Double timing = serverTiming(r.headers().firstValue("Server-Timing").orElse(null));
            if (timing == null) {
                throw new IllegalStateException(url + " sent no Server-Timing header");
            }
            server[i] = timing;
            latency[i] = ms;
        }
        Arrays.sort(server);
        Arrays.sort(latency);
        System.out.printf("%-48s server p50=%6.1f p95=%6.1f ms | loopback p50=%6.1f p95=%6.1f ms  (%d runs, %d kB)%n",
                label, p(server, 50), p(server, 95), p(latency, 50), p(latency, 95), runs, bytes / 1024);
    }

    /** The nearest-rank percentile of sorted values. */
    private static double p(double[] sorted, int percentile) {
        int rank = (int) Math.ceil(sorted.length * percentile / 100.0);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** The sum of the dur= values of a Server-Timing header, or null without one. */
    private static Double serverTiming(String header) {
        if (header == null) {
            return null;
        }
        Matcher m = Pattern.compile("dur=([0-9.]+)").matcher(header);
        double total = 0;
        boolean found = false;
        while (m.find()) {
            total += Double.parseDouble(m.group(1));
            found = true;
        }
        return found ? total : null;
    }

    private static String api(String method, String url, String token, String json) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(url)).method(method,
                json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            r.header("Content-Type", "application/json");
        }
        if (token != null) {
            r.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = HttpClient.newHttpClient().send(r.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + url + " -> " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*(\"([^\"]*)\"|[^,}\\s]+)").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(2) != null ? m.group(2) : m.group(1);
    }
}
