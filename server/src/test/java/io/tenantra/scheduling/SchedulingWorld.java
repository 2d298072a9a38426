package io.tenantra.scheduling;

import io.tenantra.database.TenantTransactions;
import io.tenantra.platform.context.TenantScope;
import io.tenantra.support.Fixtures;
import io.tenantra.support.Http;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the scheduling tests build: agents (with tags) straight in the database, and profiles,
 * schedules and windows through the API as the platform admin.
 */
final class SchedulingWorld {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final Http http;
    private final String admin;
    private final JdbcClient jdbc;
    private final TenantTransactions tx;

    SchedulingWorld(Http http, String admin, JdbcClient jdbc, TenantTransactions tx) {
        this.http = http;
        this.admin = admin;
        this.jdbc = jdbc;
        this.tx = tx;
    }

    static String base(UUID tenant) {
        return "/api/v1/tenants/" + tenant;
    }

    /** An active agent of {@code tenant} with {@code tags}; returns its id. */
    UUID agent(UUID tenant, Map<String, String> tags) {
        UUID id = UUID.randomUUID();
        byte[] key = new byte[44];
        byte[] prefix = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};
        System.arraycopy(prefix, 0, key, 0, prefix.length);
        byte[] random = id.toString().replace("-", "").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.arraycopy(random, 0, key, 12, 32);
        Timestamp now = Timestamp.from(Instant.now());
        tx.write(
                TenantScope.of(tenant),
                () -> jdbc.sql(
                                "INSERT INTO agent (id, tenant_id, name, hostname, os_family, agent_version, public_key,"
                                        + " tags, config, config_etag, heartbeat_seconds, connection, enrolled_at, last_seen_at,"
                                        + " modified_at) VALUES (?, ?, ?, ?, 'linux', '0.1.0', ?, ?::jsonb,"
                                        + " '{\"modules\":[\"system\"],\"moduleTimeoutSeconds\":300,\"heartbeatSeconds\":60,\"pollWaitSeconds\":30}'::jsonb, 'seed', 60, 'online', ?, ?, ?)")
                        .params(
                                id,
                                tenant,
                                Fixtures.unique("sched-agent"),
                                Fixtures.unique("host"),
                                java.util.Base64.getEncoder().encodeToString(key),
                                JSON.writeValueAsString(tags),
                                now,
                                now,
                                now)
                        .update());
        return id;
    }

    /** A profile through the API; {@code extra} adds or replaces fields. Returns its id. */
    UUID profile(UUID tenant, Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", Fixtures.unique("profile"));
        body.put("selector", Map.of("all", true));
        body.put("modules", List.of("system"));
        body.putAll(extra);
        Http.Response created = http.postJson(base(tenant) + "/scan-profiles", admin, body);
        if (created.status() != 201) {
            throw new AssertionError("setup failed: " + created.body());
        }
        return UUID.fromString(created.json().get("id").asString());
    }

    /** A schedule through the API; returns its id. */
    UUID schedule(UUID tenant, UUID profile, String cron, String zone, Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", Fixtures.unique("schedule"));
        body.put("profileId", profile.toString());
        body.put("cron", cron);
        body.put("zone", zone);
        body.putAll(extra);
        Http.Response created = http.postJson(base(tenant) + "/schedules", admin, body);
        if (created.status() != 201) {
            throw new AssertionError("setup failed: " + created.body());
        }
        return UUID.fromString(created.json().get("id").asString());
    }

    UUID window(UUID tenant, Map<String, Object> body) {
        Map<String, Object> full = new LinkedHashMap<>();
        full.put("name", Fixtures.unique("window"));
        full.putAll(body);
        Http.Response created = http.postJson(base(tenant) + "/blackout-windows", admin, full);
        if (created.status() != 201) {
            throw new AssertionError("setup failed: " + created.body());
        }
        return UUID.fromString(created.json().get("id").asString());
    }

    /** Moves a schedule's next due time (as if it had been computed earlier). */
    void due(UUID tenant, UUID schedule, Instant at) {
        tx.write(
                TenantScope.of(tenant),
                () -> jdbc.sql("UPDATE scan_schedule SET next_run_at = ? WHERE id = ?")
                        .params(Timestamp.from(at), schedule)
                        .update());
    }

    /** The schedule's runs as rows of (outcome, trigger, reason), newest due time first. */
    List<Map<String, Object>> runs(UUID tenant, UUID schedule) {
        return tx.read(
                TenantScope.of(tenant),
                () -> jdbc.sql("SELECT id, due_at, outcome, trigger, reason, counts::text AS counts FROM schedule_run"
                                + " WHERE schedule_id = ? ORDER BY due_at DESC")
                        .param(schedule)
                        .query()
                        .listOfRows());
    }

    /** The agents with a job in the scans of {@code run}. */
    List<UUID> scannedAgents(UUID tenant, UUID run) {
        return tx.read(
                TenantScope.of(tenant),
                () -> jdbc.sql("SELECT j.agent_id FROM agent_job j JOIN schedule_run_scan rs ON rs.scan_id = j.scan_id"
                                + " WHERE rs.run_id = ? ORDER BY j.agent_id")
                        .param(run)
                        .query(UUID.class)
                        .list());
    }

    List<UUID> scansOf(UUID tenant, UUID run) {
        return tx.read(
                TenantScope.of(tenant),
                () -> jdbc.sql("SELECT scan_id FROM schedule_run_scan WHERE run_id = ? ORDER BY started_at, scan_id")
                        .param(run)
                        .query(UUID.class)
                        .list());
    }
}
