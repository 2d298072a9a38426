package io.tenantra.compliance.store;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for the frameworks and mapping files tenants imported, kept as their source text. */
@Repository
public class FrameworkRows {

    private final JdbcClient jdbc;

    FrameworkRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One imported file: a framework (id, version) or a mapping file (id is its row id). */
    public record SourceRow(String id, String version, String fileName, String source, String sha256, Instant at) {}

    public List<SourceRow> frameworks(UUID tenantId) {
        return jdbc.sql("SELECT framework_id, version, framework_id, source, source_sha256, imported_at"
                        + " FROM compliance_framework WHERE tenant_id = ? ORDER BY framework_id")
                .param(tenantId)
                .query((rs, i) -> new SourceRow(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getTimestamp(6).toInstant()))
                .list();
    }

    /** Inserts or replaces the tenant's framework of this id; true when it was new. */
    public boolean putFramework(
            UUID tenantId, String id, String version, String title, String source, String sha, Instant at, UUID by) {
        boolean existed = jdbc.sql(
                        "SELECT 1 FROM compliance_framework WHERE tenant_id = ? AND framework_id = ?" + " FOR UPDATE")
                .params(tenantId, id)
                .query(Integer.class)
                .optional()
                .isPresent();
        jdbc.sql("INSERT INTO compliance_framework (tenant_id, framework_id, version, title, source, source_sha256,"
                        + " imported_at, imported_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (tenant_id, framework_id) DO UPDATE SET version = excluded.version,"
                        + " title = excluded.title, source = excluded.source, source_sha256 = excluded.source_sha256,"
                        + " imported_at = excluded.imported_at, imported_by = excluded.imported_by")
                .params(tenantId, id, version, title, source, sha, Timestamp.from(at), by)
                .update();
        return !existed;
    }

    public List<SourceRow> mappings(UUID tenantId) {
        return jdbc.sql("SELECT id::text, '', file_name, source, source_sha256, imported_at FROM compliance_mapping"
                        + " WHERE tenant_id = ? ORDER BY imported_at, id")
                .param(tenantId)
                .query((rs, i) -> new SourceRow(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getTimestamp(6).toInstant()))
                .list();
    }

    /** Stores a mapping file; false when the very same file was imported before. */
    public boolean addMapping(
            UUID tenantId, UUID id, String fileName, String source, String sha, int entries, Instant at, UUID by) {
        return jdbc.sql("INSERT INTO compliance_mapping (tenant_id, id, file_name, source, source_sha256, entry_count,"
                                + " imported_at, imported_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                                + " ON CONFLICT (tenant_id, source_sha256) DO NOTHING")
                        .params(tenantId, id, fileName, source, sha, entries, Timestamp.from(at), by)
                        .update()
                > 0;
    }
}
