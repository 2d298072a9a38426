package io.tenantra.audit;

import io.tenantra.database.TenantTransactions;
import io.tenantra.platform.context.TenantScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for {@code api_access_log}. */
@Repository
class AccessLogRepository {

    private final JdbcTemplate jdbcTemplate;
    private final JdbcClient jdbc;
    private final TenantTransactions tx;

    AccessLogRepository(JdbcTemplate jdbcTemplate, JdbcClient jdbc, TenantTransactions tx) {
        this.jdbcTemplate = jdbcTemplate;
        this.jdbc = jdbc;
        this.tx = tx;
    }

    /** One batch insert, in one transaction scoped to the batch's tenants. */
    void insert(List<AccessLogEntry> batch) {
        if (batch.isEmpty()) {
            return;
        }
        Set<UUID> tenants = batch.stream().map(AccessLogEntry::tenantId).collect(Collectors.toSet());
        List<Object[]> rows = new ArrayList<>(batch.size());
        for (AccessLogEntry e : batch) {
            rows.add(new Object[] {
                e.tenantId(),
                ChainRows.timestamp(e.occurredAt()),
                e.method(),
                e.pathTemplate(),
                e.status(),
                e.latencyMs(),
                e.callerKind(),
                e.callerId(),
                e.requestId()
            });
        }
        tx.write(
                TenantScope.of(tenants),
                () -> jdbcTemplate.batchUpdate(
                        "INSERT INTO api_access_log (tenant_id, occurred_at, method, path_template, status, latency_ms,"
                                + " caller_kind, caller_id, request_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        rows));
    }

    /** A page of one tenant's log, newest first, {@code limit + 1} rows to tell whether more follow. */
    List<AccessLogRecord> page(UUID tenantId, AccessLogQuery filter, Long beforeId, int limit) {
        StringBuilder sql = new StringBuilder("SELECT id, tenant_id, occurred_at, method, path_template, status,"
                + " latency_ms, caller_kind, caller_id, request_id FROM api_access_log WHERE tenant_id = ?");
        List<Object> params = new ArrayList<>(List.of(tenantId));
        if (beforeId != null) {
            sql.append(" AND id < ?");
            params.add(beforeId);
        }
        if (filter.from() != null) {
            sql.append(" AND occurred_at >= ?");
            params.add(ChainRows.timestamp(filter.from()));
        }
        if (filter.to() != null) {
            sql.append(" AND occurred_at < ?");
            params.add(ChainRows.timestamp(filter.to()));
        }
        if (filter.method() != null) {
            sql.append(" AND method = ?");
            params.add(filter.method());
        }
        if (filter.pathTemplate() != null) {
            sql.append(" AND path_template = ?");
            params.add(filter.pathTemplate());
        }
        if (filter.status() != null) {
            sql.append(" AND status = ?");
            params.add(filter.status());
        }
        if (filter.callerId() != null) {
            sql.append(" AND caller_id = ?");
            params.add(filter.callerId());
        }
        sql.append(" ORDER BY id DESC LIMIT ?");
        params.add(limit + 1);
        return tx.read(
                TenantScope.of(tenantId),
                () -> jdbc.sql(sql.toString())
                        .params(params)
                        .query((rs, i) -> new AccessLogRecord(
                                rs.getLong("id"),
                                rs.getObject("tenant_id", UUID.class),
                                ChainRows.instant(rs, "occurred_at"),
                                rs.getString("method"),
                                rs.getString("path_template"),
                                rs.getInt("status"),
                                rs.getInt("latency_ms"),
                                new AccessLogRecord.Caller(
                                        rs.getString("caller_kind"), rs.getObject("caller_id", UUID.class)),
                                rs.getString("request_id")))
                        .list());
    }
}
