package io.tenantra.compliance.export;

import io.tenantra.compliance.content.Check;
import io.tenantra.compliance.exceptions.ActiveException;
import io.tenantra.compliance.exceptions.ExceptionLookup;
import io.tenantra.compliance.exceptions.ExceptionSet;
import io.tenantra.compliance.store.ComplianceEnablement;
import io.tenantra.compliance.store.ContentCatalog;
import io.tenantra.compliance.store.ResultQuery;
import io.tenantra.compliance.store.ResultRows;
import io.tenantra.compliance.store.StoredResult;
import io.tenantra.database.TenantTransactions;
import io.tenantra.model.Severity;
import io.tenantra.platform.audit.AuditAction;
import io.tenantra.platform.audit.AuditEvent;
import io.tenantra.platform.audit.AuditEvents;
import io.tenantra.platform.context.CallContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Streams a tenant's stored verdicts, filtered like the results API, through one of the writers:
 * rows are read page by page inside one read transaction (an export of many assets is never held
 * in memory), enriched with what the content says about each check and whether an approved
 * exception covers the result, and every export is audited with its format and filters.
 */
@Service
public class ComplianceExports {

    /** Rows read per query; small enough to keep memory flat, large enough to keep queries few. */
    static final int PAGE = 500;

    /** The formats an export can have. */
    public enum Format {
        CSV("text/csv;charset=UTF-8", "csv"),
        XCCDF("application/xml;charset=UTF-8", "xml"),
        HDF("application/json;charset=UTF-8", "json");

        public final String mediaType;
        public final String extension;

        Format(String mediaType, String extension) {
            this.mediaType = mediaType;
            this.extension = extension;
        }
    }

    /** Opens the response only when writing starts, so validation problems can still be answered. */
    public interface Output {
        Writer open() throws IOException;
    }

    private final ResultRows results;
    private final ContentCatalog catalog;
    private final ComplianceEnablement enablement;
    private final ExceptionLookup exceptions;
    private final TenantTransactions tx;
    private final AuditEvents audit;

    ComplianceExports(
            ResultRows results,
            ContentCatalog catalog,
            ComplianceEnablement enablement,
            ExceptionLookup exceptions,
            TenantTransactions tx,
            AuditEvents audit) {
        this.results = results;
        this.catalog = catalog;
        this.enablement = enablement;
        this.exceptions = exceptions;
        this.tx = tx;
        this.audit = audit;
    }

    /**
     * Writes every verdict of the caller's tenant matching {@code query}, grouped as the format
     * needs (by asset for CSV and XCCDF, by check for HDF), and records the export in the audit trail.
     *
     * @param filters the filters as the caller gave them, recorded with the audit event
     */
    public void write(CallContext call, ResultQuery query, Format format, Map<String, String> filters, Output output) {
        UUID tenantId = call.tenantId();
        ResultQuery grouped = new ResultQuery(
                query.checkIds(),
                query.verdicts(),
                query.severities(),
                query.agentId(),
                query.tag(),
                query.q(),
                // XCCDF writes one report per asset, HDF one control per check: each needs its rows grouped so.
                format == Format.HDF ? ResultQuery.Sort.CHECK : ResultQuery.Sort.AGENT,
                false);
        ExceptionSet active = exceptions.activeFor(call, tenantId);
        tx.read(call.scope(), () -> {
            Map<String, Check> checks = catalog.forTenant(call.scope(), tenantId, enablement.effective(tenantId))
                    .checks();
            Iterable<ExportRow> rows = () -> new Rows(tenantId, grouped, checks, active);
            try {
                Writer out = output.open();
                switch (format) {
                    case CSV -> CsvExport.write(rows, out);
                    case XCCDF -> XccdfExport.write(rows, call.at(), out);
                    case HDF -> HdfExport.write(rows, productVersion(), call.at(), out);
                }
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return null;
        });
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("format", format.name().toLowerCase(Locale.ROOT));
        details.putAll(filters);
        audit.happened(
                call,
                AuditAction.COMPLIANCE_EXPORT,
                "compliance-results",
                tenantId,
                details,
                AuditEvent.Outcome.SUCCESS);
    }

    /** The server's version as packaged; "development" when run from classes, as in tests. */
    static String productVersion() {
        String version = ComplianceExports.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }

    /** One pass over the matching verdicts, a page at a time; every iteration starts afresh. */
    private final class Rows implements Iterator<ExportRow> {

        private final UUID tenantId;
        private final ResultQuery query;
        private final Map<String, Check> checks;
        private final ExceptionSet active;
        private final Map<UUID, ResultRows.AssetRow> assets = new HashMap<>();
        private List<StoredResult> page = List.of();
        private int index;
        private int offset;
        private boolean exhausted;

        Rows(UUID tenantId, ResultQuery query, Map<String, Check> checks, ExceptionSet active) {
            this.tenantId = tenantId;
            this.query = query;
            this.checks = checks;
            this.active = active;
        }

        @Override
        public boolean hasNext() {
            if (index < page.size()) {
                return true;
            }
            if (exhausted) {
                return false;
            }
            page = results.listWithEvidence(tenantId, query, offset, PAGE);
            offset += PAGE;
            index = 0;
            exhausted = page.size() < PAGE;
            return !page.isEmpty();
        }

        @Override
        public ExportRow next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return row(page.get(index++));
        }

        private ExportRow row(StoredResult result) {
            ResultRows.AssetRow asset = assets.computeIfAbsent(
                    result.agentId(), id -> results.asset(tenantId, id).orElse(null));
            Map<String, String> tags = asset == null ? Map.of() : asset.tags();
            Optional<ActiveException> exception =
                    active.applying(tenantId, result.agentId(), tags, result.checkId(), result.verdict());
            return new ExportRow(
                    new ExportRow.Asset(
                            result.agentId(),
                            result.agentName(),
                            result.hostname(),
                            asset == null ? null : asset.osFamily(),
                            List.of()),
                    checkInfo(result, checks.get(result.checkId())),
                    result.verdict(),
                    exception.isPresent(),
                    exception.map(ActiveException::reason).orElse(null),
                    result.reason(),
                    result.evidence(),
                    result.evaluatedAt(),
                    result.scanId());
        }
    }

    /** What the content says about a check; a check no longer enabled keeps what was stored with its verdict. */
    static ExportRow.CheckInfo checkInfo(StoredResult result, Check check) {
        if (check == null) {
            return new ExportRow.CheckInfo(
                    result.checkId(),
                    result.checkVersion(),
                    result.title(),
                    severity(result.severity()),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null);
        }
        return new ExportRow.CheckInfo(
                check.id(),
                result.checkVersion(),
                result.title(),
                check.severity(),
                check.description(),
                check.rationale(),
                check.remediation().text(),
                check.remediation().commands(),
                check.references(),
                check.frameworks());
    }

    private static Severity severity(String stored) {
        try {
            return stored == null ? Severity.INFO : Severity.valueOf(stored);
        } catch (IllegalArgumentException e) {
            return Severity.INFO;
        }
    }
}
