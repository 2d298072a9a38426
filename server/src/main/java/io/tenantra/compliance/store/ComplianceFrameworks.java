package io.tenantra.compliance.store;

import io.tenantra.compliance.content.ContentException;
import io.tenantra.compliance.frameworks.Framework;
import io.tenantra.compliance.frameworks.FrameworkFormat;
import io.tenantra.compliance.frameworks.FrameworkMapping;
import io.tenantra.compliance.frameworks.MappingFormat;
import io.tenantra.database.TenantTransactions;
import io.tenantra.platform.audit.AuditAction;
import io.tenantra.platform.audit.AuditEvents;
import io.tenantra.platform.context.CallContext;
import io.tenantra.platform.web.ApiException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Frameworks and check-to-control mappings a tenant imports: stored as their source text,
 * audited, and followed by a re-evaluation so scores reflect them at once.
 */
@Service
public class ComplianceFrameworks {

    private final FrameworkRows rows;
    private final ReEvaluations reEvaluations;
    private final TenantTransactions tx;
    private final AuditEvents audit;

    ComplianceFrameworks(FrameworkRows rows, ReEvaluations reEvaluations, TenantTransactions tx, AuditEvents audit) {
        this.rows = rows;
        this.reEvaluations = reEvaluations;
        this.tx = tx;
        this.audit = audit;
    }

    public record ImportedFramework(Framework framework, boolean created, EvaluationRun evaluation) {}

    public record ImportedMappings(UUID id, int entries, EvaluationRun evaluation) {}

    /** Imports (or replaces) a framework of the tenant; 422 with every problem when invalid. */
    public ImportedFramework importFramework(CallContext call, String fileName, String source) {
        ContentSources.check(fileName, source);
        Framework framework;
        try {
            framework = FrameworkFormat.parse(fileName, source);
        } catch (ContentException e) {
            throw ContentSources.invalid(e);
        }
        if (!CompliancePolicies.POLICY_ID.matcher(framework.id()).matches()) {
            throw ApiException.invalid("framework.id", "must match " + CompliancePolicies.POLICY_ID.pattern());
        }
        return tx.write(call.scope(), () -> {
            boolean created = rows.putFramework(
                    call.tenantId(),
                    framework.id(),
                    framework.version() == null ? "" : framework.version(),
                    framework.title() == null ? framework.id() : framework.title(),
                    source,
                    ContentSources.sha256(source),
                    call.at(),
                    call.userId());
            Map<String, Object> changes = new LinkedHashMap<>();
            changes.put("framework", framework.id());
            changes.put("version", framework.version() == null ? "" : framework.version());
            changes.put("controls", framework.controls().size());
            changes.put("replaced", !created);
            audit.changed(
                    call, AuditAction.COMPLIANCE_FRAMEWORK_IMPORT, "compliance_framework", framework.id(), changes);
            EvaluationRun run = reEvaluations.request(call, "framework " + framework.id() + " imported");
            return new ImportedFramework(framework, created, run);
        });
    }

    /** Imports a mapping file; 409 when the very same file was imported before. */
    public ImportedMappings importMappings(CallContext call, String fileName, String source) {
        ContentSources.check(fileName, source);
        List<FrameworkMapping> entries;
        try {
            entries = MappingFormat.parse(fileName, source);
        } catch (ContentException e) {
            throw ContentSources.invalid(e);
        }
        UUID id = UUID.randomUUID();
        return tx.write(call.scope(), () -> {
            boolean added = rows.addMapping(
                    call.tenantId(),
                    id,
                    fileName,
                    source,
                    ContentSources.sha256(source),
                    entries.size(),
                    call.at(),
                    call.userId());
            if (!added) {
                throw ApiException.conflict("This mapping file was imported before.");
            }
            audit.changed(
                    call,
                    AuditAction.COMPLIANCE_MAPPING_IMPORT,
                    "compliance_mapping",
                    id,
                    Map.of("file", fileName, "entries", entries.size()));
            return new ImportedMappings(id, entries.size(), reEvaluations.request(call, "mappings imported"));
        });
    }
}
