package io.tenantra.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.TenantraApplication;
import io.tenantra.database.TenantTransactions;
import io.tenantra.platform.context.TenantScope;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 14, item 8: a server stopped with SIGTERM under load keeps an access-log row for every
 * request it answered. The server runs as its own process (SIGTERM is what an operator or a
 * container runtime sends), with a flush interval of an hour, so every row is still in the buffer
 * when the signal arrives: only the shutdown order can save them. The rows are then counted by a
 * server started again on the same data directory.
 */
class ShutdownDrainTest {

    private static final String PASSWORD = "Test-Admin-Password-1";

    @Test
    void sigtermUnderLoadLosesNoAccessLogRow() throws Exception {
        Path dataDir = Files.createTempDirectory(Path.of("target"), "sigterm-");
        Path log = dataDir.resolveSibling(dataDir.getFileName() + ".log");
        int port = freePort();
        String prefix = "sigterm-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        Process server = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        TenantraApplication.class.getName(),
                        "--server.port=" + port,
                        "--tenantra.data-dir=" + dataDir,
                        "--tenantra.database.binaries-dir=target/postgres-bin",
                        "--tenantra.bootstrap.admin-password=" + PASSWORD,
                        "--tenantra.audit.access-log.flush-interval=1h",
                        "--tenantra.audit.access-log.batch-size=100000",
                        "--tenantra.audit.access-log.queue-capacity=100000")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        Set<String> answered = ConcurrentHashMap.newKeySet();
        try {
            HttpClient client = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(2))
                    .build();
            awaitUp(client, port, server, log);

            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger sequence = new AtomicInteger();
            List<Thread> load = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                Thread thread = new Thread(() -> {
                    while (!stop.get()) {
                        String id = prefix + sequence.incrementAndGet();
                        try {
                            HttpResponse<String> response = client.send(
                                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/ping"))
                                            .header("X-Request-Id", id)
                                            .timeout(Duration.ofSeconds(10))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString());
                            if (response.statusCode() > 0) {
                                answered.add(id);
                            }
                        } catch (IOException e) {
                            pause(); // refused or reset: shutting down; not answered, so no row is owed
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                });
                thread.start();
                load.add(thread);
            }
            Thread.sleep(1500);
            assertThat(answered).as("the load reached the server").isNotEmpty();
            server.destroy(); // SIGTERM
            assertThat(server.waitFor(90, TimeUnit.SECONDS))
                    .as("the server stops")
                    .isTrue();
            stop.set(true);
            for (Thread thread : load) {
                thread.join(15_000);
            }
        } finally {
            if (server.isAlive()) {
                server.destroyForcibly();
            }
        }
        String output = Files.readString(log);
        assertThat(output).doesNotContain("they are dropped").doesNotContain("ERROR");

        Set<String> stored = new HashSet<>();
        try (ConfigurableApplicationContext again = new SpringApplicationBuilder(TenantraApplication.class)
                .run(
                        "--server.port=0",
                        "--tenantra.data-dir=" + dataDir,
                        "--tenantra.database.binaries-dir=target/postgres-bin",
                        "--tenantra.bootstrap.admin-password=" + PASSWORD)) {
            JdbcClient jdbc = again.getBean(JdbcClient.class);
            UUID root = jdbc.sql("SELECT root_tenant_id()").query(UUID.class).single();
            stored.addAll(again.getBean(TenantTransactions.class)
                    .read(
                            TenantScope.of(root),
                            () -> jdbc.sql("SELECT request_id FROM api_access_log WHERE request_id LIKE ?")
                                    .param(prefix + "%")
                                    .query(String.class)
                                    .list()));
        }
        assertThat(answered).hasSizeGreaterThan(10);
        assertThat(stored).as("a row for every answered request").containsAll(answered);
    }

    private static void awaitUp(HttpClient client, int port, Process server, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new AssertionError("the server exited: " + Files.readString(log));
            }
            try {
                HttpResponse<String> response = client.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/ping"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the server did not start: " + Files.readString(log));
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
