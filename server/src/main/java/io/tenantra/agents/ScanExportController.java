package io.tenantra.agents;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tenantra.database.TenantTransactions;
import io.tenantra.identity.Permission;
import io.tenantra.identity.RequiresPermission;
import io.tenantra.identity.TenantContext;
import io.tenantra.platform.audit.AuditEvent;
import io.tenantra.platform.audit.AuditEvents;
import io.tenantra.platform.web.ApiException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The raw export of a scan: every collected item of every agent, as CSV, streamed. */
@RestController
@Tag(name = "Scans")
class ScanExportController {

    static final String HEADER =
            "agent_id,agent_name,hostname,module,module_status,item_type,item_key,attributes,collected_at";

    private final ScanRepository scans;
    private final ResultRepository results;
    private final TenantTransactions tx;
    private final AuditEvents audit;

    ScanExportController(ScanRepository scans, ResultRepository results, TenantTransactions tx, AuditEvents audit) {
        this.scans = scans;
        this.results = results;
        this.tx = tx;
        this.audit = audit;
    }

    @RequiresPermission(Permission.SCAN_READ)
    @GetMapping("/api/v1/tenants/{tenantId}/scans/{id}/export.csv")
    @Operation(summary = "Every item the scan collected, one CSV row each (attributes as JSON)")
    void export(TenantContext ctx, @PathVariable UUID id, HttpServletResponse response) throws IOException {
        tx.read(ctx.scope(), () -> {
            scans.find(ctx.tenantId(), id, false).orElseThrow(() -> ApiException.notFound("The scan"));
            response.setContentType("text/csv;charset=UTF-8");
            response.setHeader("Content-Disposition", "attachment; filename=\"scan-" + id + ".csv\"");
            try {
                PrintWriter out = response.getWriter();
                out.print(HEADER + "\r\n");
                results.exportRows(ctx.tenantId(), id, rs -> {
                    for (int column = 1; column <= 9; column++) {
                        if (column > 1) {
                            out.print(',');
                        }
                        out.print(Csv.cell(column == 9 ? rs.getTimestamp(9).toInstant().toString() : rs.getString(column)));
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
                ctx.tenantId(),
                ctx.user().actor(),
                "scan.export",
                "scan",
                id,
                Map.of("format", "csv"),
                AuditEvent.Outcome.SUCCESS);
    }

    /** RFC 4180 cells, with formula-looking text defused for spreadsheet programs. */
    static final class Csv {
        private Csv() {}

        static String cell(String value) {
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
}
