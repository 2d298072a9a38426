import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load for bench/audit-overhead.sh: CLIENTS connections each log in once, then rotate their
 * refresh token as fast as the server answers (POST /api/v1/auth/refresh, an audited write:
 * it updates the session row and appends auth.refresh to the tenant's chain in one
 * transaction). Counts only the measurement window after the warm-up. Loopback only.
 *
 * <p>Usage: java [-cp postgresql.jar] bench/AuditLoad.java BASE_URL PASSWORD CLIENTS WARMUP_S DURATION_S
 * [TENANTS OWNER_JDBC_URL]
 *
 * <p>With TENANTS = 0 every client signs in as {@code admin}, so every event goes to the root
 * tenant's one chain. With TENANTS = N > 0 the tool first creates N tenants, each with one admin
 * (directly in the database as its owner, copying {@code admin}'s password hash, since the server
 * has no tenant API yet), and client c signs in as the admin of tenant c mod N: N chains.
 */
public class AuditLoad {

    private static final Pattern REFRESH = Pattern.compile("\"refreshToken\"\\s*:\\s*\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        String base = args[0];
        if (!URI.create(base).getHost().matches("127\\.0\\.0\\.1|localhost")) {
            throw new IllegalArgumentException("this load generator only targets the loopback interface");
        }
        String password = args[1];
        int clients = Integer.parseInt(args[2]);
        long warmupNanos = Duration.ofSeconds(Long.parseLong(args[3])).toNanos();
        long measureNanos = Duration.ofSeconds(Long.parseLong(args[4])).toNanos();
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();

        int tenants = args.length > 5 ? Integer.parseInt(args[5]) : 0;
        List<String> users = tenants > 0 ? createTenants(args[6], tenants) : List.of("admin");
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            String body = post(http, base + "/api/v1/auth/login",
                    "{\"username\":\"" + users.get(i % users.size()) + "\",\"password\":\"" + password + "\"}");
            tokens.add(refreshToken(body));
        }

        AtomicBoolean measuring = new AtomicBoolean(false);
        AtomicBoolean stop = new AtomicBoolean(false);
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long[][] latencies = new long[clients][];
        int[] counts = new int[clients];
        CountDownLatch done = new CountDownLatch(clients);
        for (int c = 0; c < clients; c++) {
            int client = c;
            latencies[client] = new long[2_000_000];
            Thread thread = new Thread(() -> {
                String token = tokens.get(client);
                try {
                    while (!stop.get()) {
                        long started = System.nanoTime();
                        HttpResponse<String> response = http.send(
                                HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/refresh"))
                                        .timeout(Duration.ofSeconds(30))
                                        .header("Content-Type", "application/json")
                                        .POST(HttpRequest.BodyPublishers.ofString(
                                                "{\"refreshToken\":\"" + token + "\"}"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                        long elapsed = System.nanoTime() - started;
                        if (response.statusCode() != 200) {
                            failed.incrementAndGet();
                            throw new IllegalStateException("refresh answered " + response.statusCode());
                        }
                        token = refreshToken(response.body());
                        if (measuring.get()) {
                            ok.incrementAndGet();
                            if (counts[client] < latencies[client].length) {
                                latencies[client][counts[client]++] = elapsed;
                            }
                        }
                    }
                } catch (Exception e) {
                    System.err.println("client " + client + " stopped: " + e);
                } finally {
                    done.countDown();
                }
            });
            thread.start();
        }
        Thread.sleep(warmupNanos / 1_000_000);
        measuring.set(true);
        long start = System.nanoTime();
        Thread.sleep(measureNanos / 1_000_000);
        measuring.set(false);
        long elapsed = System.nanoTime() - start;
        stop.set(true);
        done.await();

        long total = 0;
        for (int count : counts) {
            total += count;
        }
        long[] all = new long[(int) total];
        int at = 0;
        for (int c = 0; c < clients; c++) {
            System.arraycopy(latencies[c], 0, all, at, counts[c]);
            at += counts[c];
        }
        Arrays.sort(all);
        double seconds = elapsed / 1e9;
        System.out.printf("requests=%d failed=%d seconds=%.1f rps=%.1f p50_ms=%.2f p99_ms=%.2f%n",
                ok.get(), failed.get(), seconds, ok.get() / seconds, percentile(all, 0.50), percentile(all, 0.99));
        if (failed.get() > 0) {
            System.exit(1);
        }
    }

    /** N tenants under the root, each with an ADMIN who has the bootstrap admin's password. */
    private static List<String> createTenants(String ownerUrl, int count) throws Exception {
        List<String> usernames = new ArrayList<>();
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(ownerUrl, "postgres", "")) {
            java.util.UUID root;
            String hash;
            try (var s = c.createStatement();
                    var rs = s.executeQuery("SELECT root_tenant_id(), (SELECT password_hash FROM app_user"
                            + " WHERE username = 'admin')")) {
                rs.next();
                root = rs.getObject(1, java.util.UUID.class);
                hash = rs.getString(2);
            }
            for (int i = 0; i < count; i++) {
                java.util.UUID tenant = java.util.UUID.randomUUID();
                java.util.UUID user = java.util.UUID.randomUUID();
                String name = "bench-" + i;
                try (var t = c.prepareStatement("INSERT INTO tenant (id, parent_id, name, slug, plan, status,"
                                + " created_at, modified_at) VALUES (?, ?, ?, ?, 'PRO', 'ACTIVE', now(), now())");
                        var u = c.prepareStatement("INSERT INTO app_user (id, tenant_id, username, email,"
                                + " display_name, password_hash, active, created_at, modified_at)"
                                + " VALUES (?, ?, ?, ?, ?, ?, true, now(), now())");
                        var b = c.prepareStatement("INSERT INTO role_binding (id, tenant_id, user_id, role, subtree,"
                                + " created_at) VALUES (?, ?, ?, 'ADMIN', true, now())")) {
                    t.setObject(1, tenant);
                    t.setObject(2, root);
                    t.setString(3, name);
                    t.setString(4, name);
                    t.executeUpdate();
                    u.setObject(1, user);
                    u.setObject(2, tenant);
                    u.setString(3, name);
                    u.setString(4, name + "@example.com");
                    u.setString(5, name);
                    u.setString(6, hash);
                    u.executeUpdate();
                    b.setObject(1, java.util.UUID.randomUUID());
                    b.setObject(2, tenant);
                    b.setObject(3, user);
                    b.executeUpdate();
                }
                usernames.add(name);
            }
        }
        Thread.sleep(6_000); // the server's cached tenant tree refreshes within 5 s
        return usernames;
    }

    private static double percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (sorted.length * p))] / 1e6;
    }

    private static String post(HttpClient http, String url, String json) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static String refreshToken(String body) {
        Matcher m = REFRESH.matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no refresh token in " + body);
        }
        return m.group(1);
    }
}
