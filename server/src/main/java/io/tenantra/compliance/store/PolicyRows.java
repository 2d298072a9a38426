package io.tenantra.compliance.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for the policies tenants imported (source text kept verbatim for export and re-parsing). */
@Repository
public class PolicyRows {

    private final JdbcClient jdbc;

    PolicyRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** An imported policy as stored; {@code problems} is the JSON list of unsupported-rule reports. */
    public record PolicyRow(
            UUID tenantId,
            String policyId,
            String version,
            String title,
            String origin,
            String format,
            String fileName,
            String source,
            String sourceSha256,
            int checkCount,
            boolean commandRules,
            boolean enabled,
            boolean commandRulesEnabled,
            String problems,
            Instant importedAt,
            UUID importedBy,
            Instant modifiedAt,
            UUID modifiedBy) {}

    public void insert(PolicyRow p) {
        jdbc.sql("INSERT INTO compliance_policy (tenant_id, policy_id, version, title, origin, format, file_name,"
                        + " source, source_sha256, check_count, command_rules, enabled, command_rules_enabled, problems,"
                        + " imported_at, imported_by, modified_at, modified_by)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?)")
                .params(
                        p.tenantId(),
                        p.policyId(),
                        p.version(),
                        p.title(),
                        p.origin(),
                        p.format(),
                        p.fileName(),
                        p.source(),
                        p.sourceSha256(),
                        p.checkCount(),
                        p.commandRules(),
                        p.enabled(),
                        p.commandRulesEnabled(),
                        p.problems(),
                        Timestamp.from(p.importedAt()),
                        p.importedBy(),
                        Timestamp.from(p.modifiedAt()),
                        p.modifiedBy())
                .update();
    }

    public Optional<PolicyRow> find(UUID tenantId, String policyId, String version, boolean forUpdate) {
        return jdbc.sql(SELECT + " WHERE tenant_id = ? AND policy_id = ? AND version = ?"
                        + (forUpdate ? " FOR UPDATE" : ""))
                .params(tenantId, policyId, version)
                .query((rs, i) -> row(rs))
                .optional();
    }

    /** Every version of one policy id, newest import first. */
    public List<PolicyRow> versions(UUID tenantId, String policyId) {
        return jdbc.sql(SELECT + " WHERE tenant_id = ? AND policy_id = ? ORDER BY imported_at DESC")
                .params(tenantId, policyId)
                .query((rs, i) -> row(rs))
                .list();
    }

    /**
     * A text that changes whenever anything the tenant imported changes: each imported policy's
     * id, version, digest and switches, each imported framework's and mapping file's digest. The
     * catalog keys its cache of evaluated content on it, so a change on any node is seen at once.
     */
    public String contentFingerprint(UUID tenantId) {
        return jdbc.sql("SELECT coalesce((SELECT string_agg(policy_id || ':' || version || ':' || source_sha256"
                        + " || ':' || enabled || ':' || command_rules_enabled, ',' ORDER BY policy_id, version)"
                        + " FROM compliance_policy WHERE tenant_id = ?), '') || '|'"
                        + " || coalesce((SELECT string_agg(framework_id || ':' || source_sha256, ','"
                        + " ORDER BY framework_id) FROM compliance_framework WHERE tenant_id = ?), '') || '|'"
                        + " || coalesce((SELECT string_agg(source_sha256, ',' ORDER BY source_sha256)"
                        + " FROM compliance_mapping WHERE tenant_id = ?), '')")
                .params(tenantId, tenantId, tenantId)
                .query(String.class)
                .single();
    }

    /** The tenant's imported policies by id and version. */
    public List<PolicyRow> all(UUID tenantId) {
        return jdbc.sql(SELECT + " WHERE tenant_id = ? ORDER BY policy_id, imported_at DESC")
                .param(tenantId)
                .query((rs, i) -> row(rs))
                .list();
    }

    public void setEnabled(UUID tenantId, String policyId, String version, boolean enabled, Instant at, UUID by) {
        jdbc.sql("UPDATE compliance_policy SET enabled = ?, modified_at = ?, modified_by = ?"
                        + " WHERE tenant_id = ? AND policy_id = ? AND version = ?")
                .params(enabled, Timestamp.from(at), by, tenantId, policyId, version)
                .update();
    }

    public void setCommandRulesEnabled(
            UUID tenantId, String policyId, String version, boolean enabled, Instant at, UUID by) {
        jdbc.sql("UPDATE compliance_policy SET command_rules_enabled = ?, modified_at = ?, modified_by = ?"
                        + " WHERE tenant_id = ? AND policy_id = ? AND version = ?")
                .params(enabled, Timestamp.from(at), by, tenantId, policyId, version)
                .update();
    }

    /** Turns off every other version of a policy id: one version of a policy runs at a time. */
    public void disableOtherVersions(UUID tenantId, String policyId, String keep, Instant at, UUID by) {
        jdbc.sql("UPDATE compliance_policy SET enabled = false, modified_at = ?, modified_by = ?"
                        + " WHERE tenant_id = ? AND policy_id = ? AND version <> ? AND enabled")
                .params(Timestamp.from(at), by, tenantId, policyId, keep)
                .update();
    }

    private static final String SELECT = "SELECT tenant_id, policy_id, version, title, origin, format, file_name,"
            + " source, source_sha256, check_count, command_rules, enabled, command_rules_enabled, problems::text,"
            + " imported_at, imported_by, modified_at, modified_by FROM compliance_policy";

    private static PolicyRow row(ResultSet rs) throws SQLException {
        return new PolicyRow(
                rs.getObject(1, UUID.class),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                rs.getString(8),
                rs.getString(9),
                rs.getInt(10),
                rs.getBoolean(11),
                rs.getBoolean(12),
                rs.getBoolean(13),
                rs.getString(14),
                rs.getTimestamp(15).toInstant(),
                rs.getObject(16, UUID.class),
                rs.getTimestamp(17).toInstant(),
                rs.getObject(18, UUID.class));
    }
}
