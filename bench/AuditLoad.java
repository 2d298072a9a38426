import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load for bench/audit-overhead.sh. Drives POST /api/v1/auth/refresh, an audited write (the
 * session row is rotated and auth.refresh appended to the tenant's chain in one transaction),
 * from CLIENTS concurrent clients against two or more running servers, switching ALL clients from
 * one server to the next every SLICE_S seconds. Interleaving in short slices puts every server
 * under the same background noise, which on a shared machine is far larger than the effect
 * measured; only whole slices count, requests straddling a switch are discarded. Loopback only.
 *
 * <p>Besides requests per second, it reports the CPU time each server spent per request: the
 * server's JVM plus its embedded PostgreSQL (the postmaster and every backend), read from /proc
 * at the start and end of each slice, and split into the two. Unlike throughput, CPU per request
 * hardly depends on what else the machine runs, so it is the steadier measure of what recording
 * costs. The JVM's JIT compiler threads are reported apart and left out (see jvmCpuTicks). A
 * breakdown by thread group follows (see cpuTicksByThreadGroup), to say which part of which
 * process a difference comes from.
 *
 * <p>ENDPOINT (environment, default {@code refresh}) = {@code user-update} drives a typical
 * administrative write instead: every client renames its own user with PATCH
 * /api/v1/tenants/{id}/users/{id}, authenticated with the access token from its login.
 *
 * <p>Usage: java -cp postgresql.jar bench/AuditLoad.java PASSWORD CLIENTS WARMUP_S SLICES SLICE_S
 * TENANTS LABEL=BASE_URL=JVM_PID=PG_DATA_DIR=OWNER_JDBC_URL...
 *
 * <p>With TENANTS = 0 every client signs in as {@code admin}, so every event goes to the root
 * tenant's one chain (the worst case for the per-tenant append lock). With TENANTS = N > 0 the
 * tool first creates N tenants, each with one admin (directly in the database as its owner,
 * copying {@code admin}'s password hash, since the server has no tenant API yet), and client c
 * signs in as the admin of tenant c mod N: N chains.
 */
public class AuditLoad {

    /** The JIT has settled when its compiler threads use at most this share of the JVM's CPU. */
    private static final double JIT_SETTLED = 0.03;

    private static final Pattern REFRESH = Pattern.compile("\"refreshToken\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern ACCESS = Pattern.compile("\"accessToken\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern TENANT_ID = Pattern.compile("\"tenantId\"\\s*:\\s*\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        String password = args[0];
        int clients = Integer.parseInt(args[1]);
        long warmupMillis = Long.parseLong(args[2]) * 1000;
        int slices = Integer.parseInt(args[3]);
        long sliceMillis = Long.parseLong(args[4]) * 1000;
        int tenants = Integer.parseInt(args[5]);
        List<String> labels = new ArrayList<>();
        List<String> bases = new ArrayList<>();
        List<Long> jvmPids = new ArrayList<>();
        List<Path> pgDataDirs = new ArrayList<>();
        List<String> owners = new ArrayList<>();
        for (String target : Arrays.copyOfRange(args, 6, args.length)) {
            String[] parts = target.split("=", 5);
            if (!URI.create(parts[1]).getHost().matches("127\\.0\\.0\\.1|localhost")) {
                throw new IllegalArgumentException("this load generator only targets the loopback interface");
            }
            labels.add(parts[0]);
            bases.add(parts[1]);
            jvmPids.add(Long.parseLong(parts[2]));
            pgDataDirs.add(Path.of(parts[3]));
            owners.add(parts[4]);
        }
        int targets = bases.size();
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();

        // refresh: each request rotates the client's refresh token. user-update: each request
        // renames the client's own user (a typical administrative write with a change summary),
        // authenticated with the access token from its login.
        boolean userUpdate = "user-update".equals(System.getenv().getOrDefault("ENDPOINT", "refresh"));
        String[][] tokens = new String[clients][targets];
        String[][] userPaths = new String[clients][targets];
        for (int t = 0; t < targets; t++) {
            List<String> users = tenants > 0 ? createTenants(owners.get(t), tenants) : List.of("admin");
            for (int c = 0; c < clients; c++) {
                String body = post(http, bases.get(t) + "/api/v1/auth/login",
                        "{\"username\":\"" + users.get(c % users.size()) + "\",\"password\":\"" + password + "\"}");
                if (userUpdate) {
                    tokens[c][t] = match(ACCESS, body);
                    String me = http.send(
                                    HttpRequest.newBuilder(URI.create(bases.get(t) + "/api/v1/me"))
                                            .header("Authorization", "Bearer " + tokens[c][t])
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .body();
                    userPaths[c][t] = "/api/v1/tenants/" + match(TENANT_ID, me) + "/users/" + match(ID, me);
                } else {
                    tokens[c][t] = match(REFRESH, body);
                }
            }
        }
        if (tenants > 0) {
            Thread.sleep(6_000); // the servers' cached tenant trees refresh within 5 s
        }

        AtomicInteger slice = new AtomicInteger(0); // slice n runs against target n % targets
        AtomicBoolean measuring = new AtomicBoolean(false);
        AtomicBoolean stop = new AtomicBoolean(false);
        AtomicLong failed = new AtomicLong();
        long[] counts = new long[targets];
        long[] jvmTicks = new long[targets];
        long[] jitTicks = new long[targets];
        long[] pgTicks = new long[targets];
        List<java.util.Map<String, Long>> groupTicks = new ArrayList<>();
        for (int t = 0; t < targets; t++) {
            groupTicks.add(new java.util.TreeMap<>());
        }
        List<List<Long>> latencies = new ArrayList<>();
        for (int t = 0; t < targets; t++) {
            latencies.add(new ArrayList<>());
        }
        CountDownLatch done = new CountDownLatch(clients);
        for (int c = 0; c < clients; c++) {
            int client = c;
            new Thread(() -> {
                try {
                    while (!stop.get()) {
                        int at = slice.get();
                        int t = at % targets;
                        boolean counted = measuring.get();
                        HttpRequest request = userUpdate
                                ? HttpRequest.newBuilder(URI.create(bases.get(t) + userPaths[client][t]))
                                        .timeout(Duration.ofSeconds(30))
                                        .header("Content-Type", "application/json")
                                        .header("Authorization", "Bearer " + tokens[client][t])
                                        .method("PATCH", HttpRequest.BodyPublishers.ofString(
                                                "{\"displayName\":\"Bench client " + client + " " + System.nanoTime()
                                                        + "\"}"))
                                        .build()
                                : HttpRequest.newBuilder(URI.create(bases.get(t) + "/api/v1/auth/refresh"))
                                        .timeout(Duration.ofSeconds(30))
                                        .header("Content-Type", "application/json")
                                        .POST(HttpRequest.BodyPublishers.ofString(
                                                "{\"refreshToken\":\"" + tokens[client][t] + "\"}"))
                                        .build();
                        long started = System.nanoTime();
                        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                        long elapsed = System.nanoTime() - started;
                        if (response.statusCode() != 200) {
                            failed.incrementAndGet();
                            throw new IllegalStateException(
                                    request.uri().getPath() + " answered " + response.statusCode() + ": " + response.body());
                        }
                        if (!userUpdate) {
                            tokens[client][t] = match(REFRESH, response.body());
                        }
                        if (counted && measuring.get() && slice.get() == at) {
                            synchronized (counts) {
                                counts[t]++;
                                latencies.get(t).add(elapsed);
                            }
                        }
                    }
                } catch (Exception e) {
                    System.err.println("client " + client + " stopped: " + e);
                } finally {
                    done.countDown();
                }
            }).start();
        }
        // Warm-up: every server gets traffic, none is counted. First the fixed WARMUP_S, then
        // more rounds until every server's JIT compilers use at most JIT_SETTLED of its JVM's
        // CPU in its slice (or WARMUP_S has passed three times over): a server that is still
        // compiling runs partly unoptimised code, and the one that records has more to compile.
        long started = System.currentTimeMillis();
        long warmEnd = started + warmupMillis;
        while (System.currentTimeMillis() < warmEnd) {
            Thread.sleep(Math.min(sliceMillis, Math.max(1, warmEnd - System.currentTimeMillis())));
            slice.incrementAndGet();
        }
        double[] jitShare = new double[targets];
        boolean settled = false;
        while (!settled && System.currentTimeMillis() < started + 4 * warmupMillis) {
            settled = true;
            for (int t = 0; t < targets; t++) {
                long[] before = jvmCpuTicks(jvmPids.get(t));
                slice.set(slice.get() + targets - slice.get() % targets + t);
                Thread.sleep(sliceMillis);
                long[] after = jvmCpuTicks(jvmPids.get(t));
                long jvm = after[0] - before[0];
                jitShare[t] = (after[1] - before[1]) / (double) Math.max(1, jvm + after[1] - before[1]);
                settled &= jitShare[t] <= JIT_SETTLED;
            }
        }
        StringBuilder shares = new StringBuilder();
        for (int t = 0; t < targets; t++) {
            shares.append(String.format(" %s=%.1f%%", labels.get(t), jitShare[t] * 100));
        }
        System.out.printf(
                "warm-up %.0f s, %s; JIT share of JVM CPU in the last warm-up slice:%s%n",
                (System.currentTimeMillis() - started) / 1000.0,
                settled ? "JIT settled" : "JIT NOT settled (gave up waiting)",
                shares);
        slice.set(0);
        measuring.set(true);
        for (int n = 0; n < slices * targets; n++) {
            int t = n % targets;
            long[] jvmBefore = jvmCpuTicks(jvmPids.get(t));
            long pgBefore = postgresCpuTicks(pgDataDirs.get(t));
            java.util.Map<String, Long> groupsBefore = cpuTicksByThreadGroup(jvmPids.get(t), pgDataDirs.get(t));
            slice.set(n);
            Thread.sleep(sliceMillis);
            long[] jvmAfter = jvmCpuTicks(jvmPids.get(t));
            java.util.Map<String, Long> groupsAfter = cpuTicksByThreadGroup(jvmPids.get(t), pgDataDirs.get(t));
            for (var e : groupsAfter.entrySet()) {
                groupTicks.get(t).merge(e.getKey(), e.getValue() - groupsBefore.getOrDefault(e.getKey(), 0L), Long::sum);
            }
            jvmTicks[t] += jvmAfter[0] - jvmBefore[0];
            jitTicks[t] += jvmAfter[1] - jvmBefore[1];
            pgTicks[t] += postgresCpuTicks(pgDataDirs.get(t)) - pgBefore;
        }
        measuring.set(false);
        stop.set(true);
        done.await();

        double seconds = slices * sliceMillis / 1000.0;
        for (int t = 0; t < targets; t++) {
            long[] sorted = latencies.get(t).stream().mapToLong(Long::longValue).sorted().toArray();
            double perRequest = 1000.0 / TICKS_PER_SECOND / Math.max(1, counts[t]);
            System.out.printf(
                    "%s requests=%d seconds=%.1f rps=%.1f p50_ms=%.2f p99_ms=%.2f cpu_ms_per_request=%.3f"
                            + " (jvm=%.3f postgres=%.3f; jit=%.3f not counted)%n",
                    labels.get(t), counts[t], seconds, counts[t] / seconds, percentile(sorted, 0.50),
                    percentile(sorted, 0.99), (jvmTicks[t] + pgTicks[t]) * perRequest, jvmTicks[t] * perRequest,
                    pgTicks[t] * perRequest, jitTicks[t] * perRequest);
        }
        // Where each server's CPU went, by thread group (user and system time apart), so that a
        // difference between servers can be traced to a part of the process.
        for (var key : groupTicks.get(0).keySet()) {
            StringBuilder line = new StringBuilder(String.format("  %-34s", key));
            boolean any = false;
            for (int t = 0; t < targets; t++) {
                long ticks = groupTicks.get(t).getOrDefault(key, 0L);
                any |= ticks > 0;
                line.append(String.format(" %s=%.3f", labels.get(t), ticks * 1000.0 / TICKS_PER_SECOND / Math.max(1, counts[t])));
            }
            if (any) {
                System.out.println(line.append(" ms/request"));
            }
        }
        if (failed.get() > 0) {
            System.exit(1);
        }
    }

    /** N tenants under the root, each with an ADMIN who has the bootstrap admin's password. */
    private static List<String> createTenants(String ownerUrl, int count) throws Exception {
        List<String> usernames = new ArrayList<>();
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(ownerUrl, "postgres", "")) {
            UUID root;
            String hash;
            try (var s = c.createStatement();
                    var rs = s.executeQuery("SELECT root_tenant_id(), (SELECT password_hash FROM app_user"
                            + " WHERE username = 'admin')")) {
                rs.next();
                root = rs.getObject(1, UUID.class);
                hash = rs.getString(2);
            }
            for (int i = 0; i < count; i++) {
                UUID tenant = UUID.randomUUID();
                UUID user = UUID.randomUUID();
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
                    b.setObject(1, UUID.randomUUID());
                    b.setObject(2, tenant);
                    b.setObject(3, user);
                    b.executeUpdate();
                }
                usernames.add(name);
            }
        }
        return usernames;
    }

    /** Linux's USER_HZ: /proc reports CPU times in these ticks. */
    private static final int TICKS_PER_SECOND = 100;

    /**
     * CPU ticks used so far by one server's PostgreSQL: its postmaster (with the children it has
     * reaped) and every live backend of that postmaster. The JVM is counted apart, so the report
     * can say which side a difference comes from.
     */
    private static long postgresCpuTicks(Path pgDataDir) throws IOException {
        long postmaster = postmasterPid(pgDataDir);
        long ticks = procTicks(postmaster, true);
        for (Task child : postgresChildren(postmaster)) {
            ticks += child.user() + child.sys();
        }
        return ticks;
    }

    /**
     * CPU ticks used so far by one JVM: [0] every thread but the JIT compilers, [1] the JIT
     * compilers. On 2 cores a Spring Boot server is still compiling minutes into a run, and how
     * much it compiles in a given slice is chance; that one-off cost would drown the per-request
     * difference measured, so it is reported apart and not counted.
     */
    private static long[] jvmCpuTicks(long pid) throws IOException {
        long all = procTicks(pid, false);
        long jit = 0;
        for (Task thread : jvmThreads(pid)) {
            if (thread.name().startsWith("C1 CompilerThre") || thread.name().startsWith("C2 CompilerThre")) {
                jit += thread.user() + thread.sys();
            }
        }
        return new long[] {all - jit, jit};
    }

    /**
     * CPU ticks so far by thread group of the JVM (thread names with digits folded) and of the
     * PostgreSQL backends (by their process title's first word), user and system time apart.
     * Threads or backends that ended meanwhile drop out, which only matters for short-lived ones.
     */
    private static java.util.Map<String, Long> cpuTicksByThreadGroup(long jvmPid, Path pgDataDir) throws IOException {
        java.util.Map<String, Long> groups = new java.util.TreeMap<>();
        for (Task thread : jvmThreads(jvmPid)) {
            addTicks(groups, "jvm " + thread.name().replaceAll("[0-9]+", "#"), thread);
        }
        for (Task backend : postgresChildren(postmasterPid(pgDataDir))) {
            String title;
            try {
                title = Files.readString(backend.dir().resolve("cmdline")).replace('\0', ' ').trim();
            } catch (IOException e) {
                continue; // the backend ended meanwhile
            }
            String[] words = title.split(" ");
            addTicks(groups, "pg " + (words.length > 1 ? words[1] : words[0]), backend);
        }
        return groups;
    }

    private static void addTicks(java.util.Map<String, Long> groups, String group, Task task) {
        groups.merge(group + " user", task.user(), Long::sum);
        groups.merge(group + " sys", task.sys(), Long::sum);
    }

    /** A process or thread from /proc: its directory, name, parent and CPU ticks so far. */
    private record Task(Path dir, String name, long ppid, long user, long sys) {}

    /** The task whose /proc directory is {@code dir}, or null when it ended meanwhile. */
    private static Task task(Path dir) {
        String line;
        try {
            line = Files.readString(dir.resolve("stat"));
        } catch (IOException e) {
            return null;
        }
        String name = line.substring(line.indexOf('(') + 1, line.lastIndexOf(')'));
        String[] f = line.substring(line.lastIndexOf(')') + 2).trim().split(" ");
        return new Task(dir, name, Long.parseLong(f[1]), Long.parseLong(f[11]), Long.parseLong(f[12]));
    }

    private static List<Task> jvmThreads(long pid) throws IOException {
        List<Task> threads = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path dir : dirs) {
                Task thread = task(dir);
                if (thread != null) {
                    threads.add(thread);
                }
            }
        }
        return threads;
    }

    /** Every live process whose parent is the postmaster: backends and auxiliary processes. */
    private static List<Task> postgresChildren(long postmaster) throws IOException {
        List<Task> children = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path dir : dirs) {
                Task process = task(dir);
                if (process != null && process.ppid() == postmaster) {
                    children.add(process);
                }
            }
        }
        return children;
    }

    private static long postmasterPid(Path pgDataDir) throws IOException {
        return Long.parseLong(Files.readAllLines(pgDataDir.resolve("postmaster.pid")).get(0).trim());
    }

    private static long procTicks(long pid, boolean withReapedChildren) throws IOException {
        String[] f = statFields(Path.of("/proc", Long.toString(pid), "stat"));
        if (f == null) {
            throw new IllegalStateException("process " + pid + " is gone");
        }
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        return withReapedChildren ? ticks + Long.parseLong(f[13]) + Long.parseLong(f[14]) : ticks;
    }

    /** The fields of /proc/PID/stat after the command name: [0] state, [1] ppid, [11] utime... */
    private static String[] statFields(Path stat) {
        try {
            String line = Files.readString(stat);
            return line.substring(line.lastIndexOf(')') + 2).trim().split(" ");
        } catch (IOException e) {
            return null; // the process ended meanwhile
        }
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

    private static String match(Pattern pattern, String body) {
        Matcher m = pattern.matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no " + pattern + " in " + body);
        }
        return m.group(1);
    }
}
