package io.tenantra.agents;

import io.tenantra.database.TenantTransactions;
import io.tenantra.platform.audit.AuditAction;
import io.tenantra.platform.audit.AuditEvent;
import io.tenantra.platform.audit.AuditEvents;
import io.tenantra.platform.context.CallContext;
import io.tenantra.platform.web.ApiException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * The raw export of a scan: every collected item of every agent as CSV, streamed row by row from
 * the database (a large scan is never held in memory). Used by the API and the console; every
 * export is audited.
 */
@Service
public class ScanExport {

    public static final String HEADER =
            "agent_id,agent_name,hostname,module,module_status,item_type,item_key,attributes,collected_at";

    /** Opens the output only once the scan is known to exist, so a 404 can still be answered. */
    public interface Output {
        PrintWriter open() throws IOException;
    }

    private final ScanRepository scans;
    private final ResultRepository results;
    private final TenantTransactions tx;
    private final AuditEvents audit;
    private final SensitiveValues sensitive;

    ScanExport(
            ScanRepository scans,
            ResultRepository results,
            TenantTransactions tx,
            AuditEvents audit,
            SensitiveValues sensitive) {
        this.sensitive = sensitive;
        this.scans = scans;
        this.results = results;
        this.tx = tx;
        this.audit = audit;
    }

    /**
     * Writes the export; unless {@code revealed} (the caller holds AGENTS_SENSITIVE_READ) the
     * attributes are redacted by {@link SensitiveValues}, so the export is no way around the mask.
     */
    public void writeCsv(CallContext call, UUID scanId, boolean revealed, Output output) {
        UUID tenantId = call.tenantId();
        tx.read(call.scope(), () -> {
            scans.find(tenantId, scanId, false).orElseThrow(() -> ApiException.notFound("The scan"));
            try {
                PrintWriter out = output.open();
                out.print(HEADER + "\r\n");
                results.exportRows(tenantId, scanId, rs -> {
                    for (int column = 1; column <= 9; column++) {
                        if (column > 1) {
                            out.print(',');
                        }
                        String value =
                                column == 9 ? rs.getTimestamp(9).toInstant().toString() : rs.getString(column);
                        out.print(cell(column == 8 && !revealed ? sensitive.redact(value) : value));
                    }
                    out.print("\r\n");
                });
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return null;
        });
        audit.happened(
                call,
                AuditAction.SCAN_EXPORT,
                "scan",
                scanId,
                Map.of("format", "csv", "redacted", !revealed),
                AuditEvent.Outcome.SUCCESS);
    }

    /** RFC 4180 cells, with formula-looking text defused for spreadsheet programs. */
    public static String cell(String value) {
        if (value == null) {
            return "";
        }
        String text = value;
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }
}
