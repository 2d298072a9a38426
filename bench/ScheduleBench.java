import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The scheduled-scan reliability bench (run by bench/run-schedules.sh). "setup" creates the tenants
 * (PRO), one agent each, a profile and the every-minute schedules through the API; "report" reads
 * the run history from the database and counts, per expected (schedule, due minute): on time
 * (started within 5 s of due + the schedule's jitter offset), late, duplicated and missed.
 */
public class ScheduleBench {

    static final HttpClient HTTP = HttpClient.newHttpClient();

    public static void main(String[] args) throws Exception {
        if (args[0].equals("setup")) {
            setup(args[1], args[2], args[3], Integer.parseInt(args[4]), Integer.parseInt(args[5]), Integer.parseInt(args[6]));
        } else {
            report(args[1], Instant.ofEpochSecond(Long.parseLong(args[2])), Instant.ofEpochSecond(Long.parseLong(args[3])),
                    Integer.parseInt(args[4]));
        }
    }

    static String call(String method, String url, String token, String body, int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        request.header("Content-Type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + url + " -> " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }

    static void setup(String server, String jdbc, String password, int tenants, int perTenant, int jitter) throws Exception {
        String token = field(call("POST", server + "/api/v1/auth/login", null,
                "{\"username\":\"admin\",\"password\":\"" + password + "\"}", 200), "accessToken");
        String root = field(call("GET", server + "/api/v1/me", token, null, 200), "tenantId");
        Instant started = Instant.now();
        try (Connection db = DriverManager.getConnection(jdbc, "postgres", "")) {
            for (int t = 0; t < tenants; t++) {
                String slug = "bench-" + UUID.randomUUID().toString().substring(0, 8);
                String tenant = field(call("POST", server + "/api/v1/tenants", token,
                        "{\"name\":\"" + slug + "\",\"slug\":\"" + slug + "\",\"parentId\":\"" + root + "\",\"plan\":\"PRO\"}",
                        201), "id");
                agent(db, UUID.fromString(tenant));
                String base = server + "/api/v1/tenants/" + tenant;
                String profile = field(call("POST", base + "/scan-profiles", token,
                        "{\"name\":\"bench\",\"selector\":{\"all\":true},\"modules\":[\"system\"],\"jitterSeconds\":"
                                + jitter + "}", 201), "id");
                for (int s = 0; s < perTenant; s++) {
                    call("POST", base + "/schedules", token,
                            "{\"name\":\"bench-" + s + "\",\"profileId\":\"" + profile
                                    + "\",\"cron\":\"* * * * *\",\"zone\":\"UTC\"}", 201);
                }
            }
        }
        System.out.printf("setup: %d tenants x %d schedules created in %d s%n", tenants, perTenant,
                Duration.between(started, Instant.now()).toSeconds());
    }

    static void agent(Connection db, UUID tenant) throws Exception {
        UUID id = UUID.randomUUID();
        byte[] key = new byte[44];
        byte[] prefix = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};
        System.arraycopy(prefix, 0, key, 0, prefix.length);
        System.arraycopy(id.toString().replace("-", "").getBytes(), 0, key, 12, 32);
        try (var insert = db.prepareStatement("INSERT INTO agent (id, tenant_id, name, hostname, os_family, public_key,"
                + " config, config_etag, heartbeat_seconds, connection, enrolled_at, last_seen_at, modified_at)"
                + " VALUES (?, ?, 'bench-agent', 'bench.example', 'linux', ?, '{\"modules\":[\"system\"],"
                + "\"moduleTimeoutSeconds\":300,\"heartbeatSeconds\":60,\"pollWaitSeconds\":30}'::jsonb, 'bench', 60,"
                + " 'online', now(), now(), now())")) {
            insert.setObject(1, id);
            insert.setObject(2, tenant);
            insert.setString(3, java.util.Base64.getEncoder().encodeToString(key));
            insert.executeUpdate();
        }
    }

    /** The schedule's fixed start offset, as io.tenantra.scheduling.Jitter computes it. */
    static long offset(UUID id, int jitter) {
        if (jitter <= 0) {
            return 0;
        }
        long mixed = id.getMostSignificantBits() * 31 + id.getLeastSignificantBits();
        return Math.floorMod(mixed, (long) jitter + 1);
    }

    static void report(String jdbc, Instant from, Instant to, int jitter) throws Exception {
        Instant first = Instant.ofEpochSecond((from.getEpochSecond() / 60 + 1) * 60);
        Instant last = Instant.ofEpochSecond((to.getEpochSecond() / 60) * 60);
        long expected = 0;
        long onTime = 0;
        long late = 0;
        long missed = 0;
        long duplicates = 0;
        long catchUps = 0;
        List<Long> lateness = new ArrayList<>();
        Map<String, Long> outcomes = new HashMap<>();
        try (Connection db = DriverManager.getConnection(jdbc, "postgres", "")) {
            List<UUID> schedules = new ArrayList<>();
            try (ResultSet rs = db.createStatement().executeQuery(
                    "SELECT s.id FROM scan_schedule s JOIN tenant t ON t.id = s.tenant_id WHERE t.slug LIKE 'bench-%'")) {
                while (rs.next()) {
                    schedules.add(rs.getObject(1, UUID.class));
                }
            }
            Map<String, long[]> runs = new HashMap<>();
            try (var query = db.prepareStatement("SELECT r.schedule_id, r.due_at, r.recorded_at, r.trigger, r.outcome,"
                    + " (SELECT count(*) FROM schedule_run_scan rs WHERE rs.run_id = r.id) FROM schedule_run r"
                    + " JOIN tenant t ON t.id = r.tenant_id WHERE t.slug LIKE 'bench-%' AND r.due_at BETWEEN ? AND ?")) {
                query.setTimestamp(1, Timestamp.from(first));
                query.setTimestamp(2, Timestamp.from(last));
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        UUID schedule = rs.getObject(1, UUID.class);
                        Instant due = rs.getTimestamp(2).toInstant();
                        Instant recorded = rs.getTimestamp(3).toInstant();
                        String key = schedule + "@" + due;
                        long[] seen = runs.computeIfAbsent(key, k -> new long[] {0, 0, 0});
                        seen[0]++;
                        seen[1] = Duration.between(due.plusSeconds(offset(schedule, jitter)), recorded).toMillis();
                        seen[2] += rs.getLong(6);
                        outcomes.merge(rs.getString(5), 1L, Long::sum);
                        if (rs.getString(4).equals("catch_up")) {
                            catchUps++;
                        }
                    }
                }
            }
            for (UUID schedule : schedules) {
                for (Instant due = first; !due.isAfter(last); due = due.plusSeconds(60)) {
                    expected++;
                    long[] seen = runs.get(schedule + "@" + due);
                    if (seen == null) {
                        missed++;
                        continue;
                    }
                    if (seen[0] > 1 || seen[2] > 1) {
                        duplicates++;
                    }
                    lateness.add(seen[1]);
                    if (seen[1] <= 5000) {
                        onTime++;
                    } else {
                        late++;
                    }
                }
            }
        }
        Collections.sort(lateness);
        System.out.printf("window: due minutes %s .. %s (%d schedules)%n", first, last, expected == 0 ? 0 : expected
                / Math.max(1, Duration.between(first, last).toMinutes() + 1));
        System.out.printf("expected runs: %d; on time (<= 5 s after due + jitter offset): %d (%.3f %%); late: %d;"
                        + " catch-up runs: %d%n", expected, onTime, 100.0 * onTime / Math.max(1, expected), late, catchUps);
        System.out.printf("duplicates: %d; misses: %d; outcomes: %s%n", duplicates, missed, outcomes);
        if (!lateness.isEmpty()) {
            System.out.printf("start after planned time (ms): p50 %d, p99 %d, p99.9 %d, max %d%n",
                    lateness.get(lateness.size() / 2), lateness.get((int) (lateness.size() * 0.99)),
                    lateness.get((int) Math.min(lateness.size() - 1, lateness.size() * 0.999)),
                    lateness.get(lateness.size() - 1));
        }
    }
}
