// Simulated agents for bench/run-agents.sh: real Ed25519 keys, real enrollment, real signed
// requests in the agent protocol. Run with the agent jar (Jackson, the model) and the PostgreSQL
// JDBC driver and Bouncy Castle (both taken from the server jar) on the class path:
//   java -cp tenantra-agent.jar:postgresql.jar:bcprov.jar AgentLoad.java <command> ...
//
//   setup    BASE PASSWORD AGENTS DIR           log in as admin, make an enrollment token, enroll AGENTS
//                                               agents (keys in DIR/agents.txt)
//   tokens   BASE DIR KIND COUNT FILE           sign COUNT requests for wrk (KIND = heartbeat | poll),
//                                               round-robin over the agents, into DIR/FILE
//   prime    BASE DIR                           one idle job poll per agent (each then counts as idle)
//   ingest   BASE PASSWORD DIR ITEMS MODULES CONCURRENCY PGURL
//                                               result uploads through the API vs COPY of the same rows
//   commits  PGURL                              committed transactions of the tenantra database so far
//   tables   PGURL                              per-table and per-function access counters
import io.tenantra.model.AgentProtocol;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.zip.GZIPOutputStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

public class AgentLoad {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static final String HEARTBEAT_BODY = "{\"agentVersion\":\"bench\",\"spooledResults\":0}";
    static final String POLL_PATH = "/api/v1/agent/jobs?waitSeconds=0";

    record Agent(UUID id, PrivateKey key) {}

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "setup" -> setup(args[1], args[2], Integer.parseInt(args[3]), Path.of(args[4]));
            case "tokens" -> tokens(Path.of(args[2]), args[3], Integer.parseInt(args[4]), args[5]);
            case "prime" -> prime(args[1], Path.of(args[2]));
            case "ingest" -> ingest(args[1], args[2], Path.of(args[3]), Integer.parseInt(args[4]),
                    Integer.parseInt(args[5]), Integer.parseInt(args[6]), args[7]);
            case "commits" -> System.out.println(commits(args[1]));
            case "tables" -> tables(args[1]);
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        }
    }

    // ------------------------------------------------------------------ HTTP helpers
    static JsonNode call(String method, String url, String bearer, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .header("Content-Type", "application/json");
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + url + " -> " + response.statusCode() + " " + response.body());
        }
        return response.body().isEmpty() ? null : JSON.readTree(response.body());
    }

    static String login(String base, String password) throws Exception {
        return call("POST", base + "/api/v1/auth/login", null, Map.of("username", "admin", "password", password))
                .get("accessToken").asString();
    }

    static String root(String base, String bearer) throws Exception {
        return call("GET", base + "/api/v1/me", bearer, null).get("tenantId").asString();
    }

    static String sign(Agent agent, String method, String pathAndQuery, byte[] body, long lifetime) throws Exception {
        long now = Instant.now().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", agent.id().toString());
        claims.put("iat", now);
        claims.put("exp", now + lifetime);
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("rqh", AgentProtocol.requestHash(method, pathAndQuery, AgentProtocol.digest(body)));
        String input = b64(JSON.writeValueAsBytes(Map.of("alg", "EdDSA", "typ", AgentProtocol.TOKEN_TYPE))) + "."
                + b64(JSON.writeValueAsBytes(claims));
        byte[] message = input.getBytes(StandardCharsets.US_ASCII);
        // Bouncy Castle's RFC 8032 signing (taken from the server jar) is several times faster than
        // Java 17's; both make the same deterministic signature.
        byte[] signature = new byte[64];
        byte[] pkcs8 = agent.key().getEncoded();
        org.bouncycastle.math.ec.rfc8032.Ed25519.sign(pkcs8, pkcs8.length - 32, message, 0, message.length, signature, 0);
        return input + "." + b64(signature);
    }

    static HttpResponse<String> signed(String base, Agent agent, String method, String path, byte[] body, boolean gzip)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Authorization", "Agent " + sign(agent, method, path, body, 60))
                .header("X-Tenantra-Protocol", "1.0");
        if (body.length > 0) {
            request.header("Content-Type", "application/json");
        }
        if (gzip) {
            request.header("Content-Encoding", "gzip");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static List<Agent> agents(Path dir) throws Exception {
        List<Agent> agents = new ArrayList<>();
        KeyFactory keys = KeyFactory.getInstance("Ed25519");
        for (String line : Files.readAllLines(dir.resolve("agents.txt"))) {
            String[] parts = line.split(" ");
            agents.add(new Agent(UUID.fromString(parts[0]),
                    keys.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(parts[1])))));
        }
        return agents;
    }

    // ------------------------------------------------------------------ commands
    static void setup(String base, String password, int count, Path dir) throws Exception {
        String bearer = login(base, password);
        String tenant = root(base, bearer);
        String token = call("POST", base + "/api/v1/tenants/" + tenant + "/enrollment-tokens", bearer,
                Map.of("name", "bench-" + UUID.randomUUID(), "maxUses", count)).get("token").asString();
        Semaphore inFlight = new Semaphore(16);
        List<CompletableFuture<String>> done = new ArrayList<>();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
        long started = System.nanoTime();
        for (int i = 0; i < count; i++) {
            KeyPair keys = generator.generateKeyPair();
            Map<String, Object> host = Map.of("hostname", "bench-" + i, "osFamily", i % 10 == 0 ? "windows" : "linux",
                    "osVersion", "bench", "architecture", "amd64", "agentVersion", "bench", "ipAddresses", List.of());
            Map<String, Object> body = Map.of("token", token,
                    "publicKey", Base64.getEncoder().encodeToString(keys.getPublic().getEncoded()), "host", host);
            inFlight.acquire();
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/agent/enroll"))
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                    .header("Content-Type", "application/json").build();
            done.add(HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
                inFlight.release();
                if (response.statusCode() != 201) {
                    throw new IllegalStateException("enroll -> " + response.statusCode() + " " + response.body());
                }
                return JSON.readTree(response.body()).get("agentId").asString() + " "
                        + Base64.getEncoder().encodeToString(keys.getPrivate().getEncoded());
            }));
        }
        List<String> lines = new ArrayList<>();
        for (CompletableFuture<String> f : done) {
            lines.add(f.get());
        }
        Files.createDirectories(dir);
        Files.write(dir.resolve("agents.txt"), lines);
        Files.writeString(dir.resolve("tenant.txt"), tenant);
        System.out.printf("enrolled %d agents in %.1f s%n", count, (System.nanoTime() - started) / 1e9);
    }

    /** Pre-signed tokens for wrk: the client's signing cost stays out of the measured window. */
    static void tokens(Path dir, String kind, int count, String file) throws Exception {
        List<Agent> agents = agents(dir);
        boolean heartbeat = kind.equals("heartbeat");
        byte[] body = heartbeat ? HEARTBEAT_BODY.getBytes(StandardCharsets.UTF_8) : new byte[0];
        String method = heartbeat ? "POST" : "GET";
        String path = heartbeat ? "/api/v1/agent/heartbeat" : POLL_PATH;
        StringBuilder out = new StringBuilder(count * 400);
        for (int i = 0; i < count; i++) {
            // The longest lifetime the server accepts: the tokens must outlive warm-up plus the measured run.
            out.append(sign(agents.get(i % agents.size()), method, path, body, 300)).append('\n');
        }
        Files.writeString(dir.resolve(file), out);
    }

    static void prime(String base, Path dir) throws Exception {
        int idle = 0;
        for (Agent agent : agents(dir)) {
            HttpResponse<String> response = signed(base, agent, "GET", POLL_PATH, new byte[0], false);
            if (response.statusCode() != 200) {
                throw new IllegalStateException("poll -> " + response.statusCode() + " " + response.body());
            }
            idle += response.body().contains("\"jobs\":[]") ? 1 : 0;
        }
        System.out.println(idle + " agents polled once and now known idle");
    }

    static long commits(String pgUrl) throws Exception {
        try (Connection c = DriverManager.getConnection(pgUrl, "postgres", "");
                ResultSet rs = c.createStatement().executeQuery(
                        "SELECT xact_commit FROM pg_stat_database WHERE datname = 'tenantra'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Per-table access counters, to see what a run touched (diagnostics). */
    static void tables(String pgUrl) throws Exception {
        try (Connection c = DriverManager.getConnection(pgUrl, "postgres", "");
                ResultSet rs = c.createStatement().executeQuery("SELECT relname, seq_scan, coalesce(idx_scan, 0),"
                        + " n_tup_ins, n_tup_upd FROM pg_stat_user_tables ORDER BY relname")) {
            while (rs.next()) {
                System.out.printf("%s seq=%d idx=%d ins=%d upd=%d%n", rs.getString(1), rs.getLong(2), rs.getLong(3),
                        rs.getLong(4), rs.getLong(5));
            }
        }
        try (Connection c = DriverManager.getConnection(pgUrl, "postgres", "");
                ResultSet rs = c.createStatement().executeQuery(
                        "SELECT funcname, calls FROM pg_stat_user_functions ORDER BY funcname")) {
            while (rs.next()) {
                System.out.printf("fn %s calls=%d%n", rs.getString(1), rs.getLong(2));
            }
        }
    }

    /**
     * One scan over all agents; every agent takes its job and uploads a result of MODULES modules
     * with ITEMS items each (gzip, signed), CONCURRENCY uploads in flight; then the same rows for
     * a second scan's jobs with COPY into the same table, as the owner, on one connection.
     */
    static void ingest(String base, String password, Path dir, int items, int moduleCount, int concurrency, String pgUrl)
            throws Exception {
        List<Agent> agents = agents(dir);
        String bearer = login(base, password);
        String tenant = Files.readString(dir.resolve("tenant.txt")).strip();
        List<String> modules = List.of("system", "packages", "users", "network", "files", "services", "persistence",
                "processes", "boot", "kernel", "config").subList(0, moduleCount);
        call("POST", base + "/api/v1/tenants/" + tenant + "/scans", bearer,
                Map.of("modules", modules, "selector", Map.of("all", true)));
        List<UUID> jobs = new ArrayList<>();
        List<byte[]> bodies = new ArrayList<>();
        for (Agent agent : agents) {
            HttpResponse<String> poll = signed(base, agent, "GET", POLL_PATH, new byte[0], false);
            UUID job = UUID.fromString(JSON.readTree(poll.body()).get("jobs").get(0).get("id").asString());
            jobs.add(job);
            bodies.add(gzip(JSON.writeValueAsBytes(result(job, modules, items))));
        }
        Semaphore inFlight = new Semaphore(concurrency);
        List<CompletableFuture<Integer>> done = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < agents.size(); i++) {
            Agent agent = agents.get(i);
            String path = "/api/v1/agent/jobs/" + jobs.get(i) + "/result";
            byte[] body = bodies.get(i);
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .header("Authorization", "Agent " + sign(agent, "POST", path, body, 60))
                    .header("Content-Type", "application/json").header("Content-Encoding", "gzip").build();
            inFlight.acquire();
            done.add(HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(r -> {
                inFlight.release();
                if (r.statusCode() != 200) {
                    throw new IllegalStateException("upload -> " + r.statusCode() + " " + r.body());
                }
                return r.statusCode();
            }));
        }
        for (CompletableFuture<Integer> f : done) {
            f.get();
        }
        double apiSeconds = (System.nanoTime() - started) / 1e9;
        long rows = (long) agents.size() * moduleCount;

        // The same rows, COPY'd for a second scan's (still queued) jobs.
        String scanB = call("POST", base + "/api/v1/tenants/" + tenant + "/scans", bearer,
                Map.of("modules", modules, "selector", Map.of("all", true))).get("id").asString();
        StringBuilder copy = new StringBuilder();
        double copySeconds;
        try (Connection c = DriverManager.getConnection(pgUrl, "postgres", "")) {
            List<String[]> targets = new ArrayList<>();
            try (ResultSet rs = c.createStatement().executeQuery(
                    "SELECT id, agent_id FROM agent_job WHERE scan_id = '" + scanB + "'")) {
                while (rs.next()) {
                    targets.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
            String now = Instant.now().toString();
            for (String[] target : targets) {
                for (String module : modules) {
                    Map<String, Object> r = moduleResult(module, items);
                    copy.append(String.join("\t", tenant, target[0], module, scanB, target[1], "1.0", "ok",
                            String.valueOf(items), "0", text(JSON.writeValueAsString(r.get("items"))), "[]",
                            "[\"collected\"]", text(JSON.writeValueAsString(r.get("execution"))), now)).append('\n');
                }
            }
            var copier = new org.postgresql.copy.CopyManager(c.unwrap(org.postgresql.core.BaseConnection.class));
            long copyStarted = System.nanoTime();
            copier.copyIn("COPY module_result (tenant_id, job_id, module, scan_id, agent_id, module_version, status,"
                    + " item_count, risk_count, items, risks, messages, execution, collected_at) FROM STDIN",
                    new StringReader(copy.toString()));
            copySeconds = (System.nanoTime() - copyStarted) / 1e9;
            c.createStatement().execute("UPDATE scan SET cancelled_at = now() WHERE id = '" + scanB + "'");
            c.createStatement().execute("UPDATE agent_job SET status = 'cancelled', finished_at = now()"
                    + " WHERE scan_id = '" + scanB + "'");
        }
        long copyRows = (long) rows;
        System.out.printf(java.util.Locale.ROOT,
                "uploads=%d rows=%d items=%d api_seconds=%.2f api_rows_per_s=%.0f api_items_per_s=%.0f"
                        + " copy_seconds=%.2f copy_rows_per_s=%.0f ratio=%.2f gzip_bytes_per_upload=%d%n",
                agents.size(), rows, rows * items, apiSeconds, rows / apiSeconds, rows * items / apiSeconds,
                copySeconds, copyRows / copySeconds, (rows / apiSeconds) / (copyRows / copySeconds), bodies.get(0).length);
    }

    static Map<String, Object> moduleResult(String module, int items) {
        List<Map<String, Object>> list = new ArrayList<>(items);
        for (int i = 0; i < items; i++) {
            list.add(Map.of("type", "package", "key", module + "-" + i,
                    "attributes", Map.of("version", "1." + i, "arch", "amd64", "source", "dpkg")));
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("module", module);
        r.put("moduleVersion", "1.0");
        r.put("status", "ok");
        r.put("items", list);
        r.put("risks", List.of());
        r.put("messages", List.of("collected"));
        r.put("execution", Map.of("startedAt", "2026-11-21T10:00:00Z", "durationMillis", 12, "timedOut", false,
                "truncated", false, "skipped", List.of()));
        return r;
    }

    static Map<String, Object> result(UUID job, List<String> modules, int items) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("jobId", job.toString());
        body.put("startedAt", "2026-11-21T10:00:00Z");
        body.put("finishedAt", "2026-11-21T10:00:01Z");
        body.put("results", modules.stream().map(m -> moduleResult(m, items)).toList());
        body.put("log", List.of("bench"));
        return body;
    }

    /** COPY text format: backslash, tab and newline escaped. */
    static String text(String value) {
        return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n");
    }

    static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }
}
