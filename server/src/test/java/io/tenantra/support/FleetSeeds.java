package io.tenantra.support;

import io.tenantra.database.TenantTransactions;
import io.tenantra.platform.context.TenantScope;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Agents, scans and module results written straight into the database, as enrolment, heartbeats
 * and ingestion would leave them, for tests of the figures read from them (dashboard tiles, the
 * MSP roll-up) that need agents seen days ago or results collected last month, which the signed
 * protocol cannot backdate. Like {@link Fixtures}, every name is unique.
 */
@Component
public class FleetSeeds {

    private final JdbcClient jdbc;
    private final TenantTransactions tx;

    FleetSeeds(JdbcClient jdbc, TenantTransactions tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    /** How an agent stands: seen (online or offline) or never seen since its enrolment. */
    public enum State {
        ONLINE,
        OFFLINE,
        NEVER_SEEN
    }

    /** A live agent of {@code tenant} enrolled {@code enrolledAgo} ago; returns its id. */
    public UUID agent(UUID tenant, String name, State state, String os, String version, Duration enrolledAgo) {
        UUID id = UUID.randomUUID();
        Instant now = Instant.now();
        Instant enrolled = now.minus(enrolledAgo);
        Instant seen = state == State.NEVER_SEEN ? enrolled : now.minusSeconds(30);
        // A distinct 32-byte Ed25519 key per agent (the live-key index is unique): X.509 prefix + id bytes.
        byte[] key = new byte[44];
        byte[] prefix = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};
        System.arraycopy(prefix, 0, key, 0, prefix.length);
        byte[] random = (id.toString().replace("-", "")).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.arraycopy(random, 0, key, 12, 32);
        tx.write(
                TenantScope.of(tenant),
                () -> jdbc.sql("INSERT INTO agent (id, tenant_id, name, hostname, os_family, os_version, agent_version,"
                                + " public_key, config, config_etag, heartbeat_seconds, connection, enrolled_at,"
                                + " last_seen_at, offline_since, modified_at)"
                                + " VALUES (?, ?, ?, ?, ?, '', ?, ?, '{\"modules\": [\"packages\"], \"heartbeatSeconds\": 60, \"moduleTimeoutSeconds\": 300,"
                                + " \"pollWaitSeconds\": 30}'::jsonb,"
                                + " 'seed', 60, ?, ?, ?, ?, ?)")
                        .params(
                                id,
                                tenant,
                                name,
                                name + ".example",
                                os,
                                version,
                                java.util.Base64.getEncoder().encodeToString(key),
                                state == State.OFFLINE ? "offline" : "online",
                                Timestamp.from(enrolled),
                                Timestamp.from(seen),
                                state == State.OFFLINE ? Timestamp.from(now.minusSeconds(10)) : null,
                                Timestamp.from(now))
                        .update());
        return id;
    }

    /**
     * A scan of one agent started {@code ago} ago whose job ended {@code jobStatus}, with one
     * {@code module} result collected then that flags one risk per entry of {@code severities};
     * returns the scan id.
     */
    public UUID scan(UUID tenant, UUID agent, Duration ago, String jobStatus, String module, List<String> severities) {
        UUID scan = UUID.randomUUID();
        UUID job = UUID.randomUUID();
        Timestamp at = Timestamp.from(Instant.now().minus(ago));
        StringBuilder risks = new StringBuilder("[");
        for (int i = 0; i < severities.size(); i++) {
            risks.append(i == 0 ? "" : ",")
                    .append("{\"severity\":\"")
                    .append(severities.get(i))
                    .append("\",\"code\":\"seed.risk_")
                    .append(i)
                    .append("\",\"itemType\":\"package\",\"itemKey\":\"item-")
                    .append(i)
                    .append("\",\"reason\":\"seeded\"}");
        }
        risks.append(']');
        tx.write(TenantScope.of(tenant), () -> {
            jdbc.sql("INSERT INTO scan (id, tenant_id, modules, selector, job_count, created_at, deadline_at)"
                            + " VALUES (?, ?, ARRAY[?], '{\"all\":true}'::jsonb, 1, ?, ?)")
                    .params(scan, tenant, module, at, at)
                    .update();
            jdbc.sql("INSERT INTO agent_job (id, tenant_id, scan_id, agent_id, modules, module_timeout_seconds, status,"
                            + " max_attempts, queued_at, deadline_at, finished_at)"
                            + " VALUES (?, ?, ?, ?, ARRAY[?], 60, ?, 3, ?, ?, ?)")
                    .params(job, tenant, scan, agent, module, jobStatus, at, at, at)
                    .update();
            if ("succeeded".equals(jobStatus)) {
                jdbc.sql("INSERT INTO module_result (tenant_id, job_id, module, scan_id, agent_id, status, item_count,"
                                + " risk_count, items, risks, messages, collected_at)"
                                + " VALUES (?, ?, ?, ?, ?, 'ok', 0, ?, '[]'::jsonb, ?::jsonb, '[]'::jsonb, ?)")
                        .params(tenant, job, module, scan, agent, severities.size(), risks.toString(), at)
                        .update();
            }
            return null;
        });
        return scan;
    }
}
