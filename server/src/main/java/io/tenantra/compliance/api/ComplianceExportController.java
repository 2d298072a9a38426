package io.tenantra.compliance.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tenantra.compliance.export.ComplianceExports;
import io.tenantra.identity.Permission;
import io.tenantra.identity.RequiresPermission;
import io.tenantra.platform.context.CallContext;
import io.tenantra.platform.web.ApiException;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The tenant's verdicts as a file for auditors' tools: CSV, XCCDF 1.2 (in an ARF collection) or
 * MITRE HDF, with the same filters as the results list. Streamed; every export is audited.
 */
@RestController
@Tag(name = "Compliance")
class ComplianceExportController {

    private final ComplianceExports exports;
    private final ResultFilter filter;

    ComplianceExportController(ComplianceExports exports, ResultFilter filter) {
        this.exports = exports;
        this.filter = filter;
    }

    @RequiresPermission(Permission.COMPLIANCE_READ)
    @GetMapping("/api/v1/tenants/{tenantId}/compliance/export")
    @Operation(
            summary = "Verdicts with evidence as csv, xccdf or hdf, filtered like /results, ordered by asset and check")
    void export(
            CallContext call,
            @RequestParam String format,
            @RequestParam(required = false) String framework,
            @RequestParam(required = false) String control,
            @RequestParam(required = false) String check,
            @RequestParam(required = false) String verdict,
            @RequestParam(required = false) String severity,
            @RequestParam(required = false) String agent,
            @RequestParam(required = false) String tag,
            @RequestParam(required = false) String q,
            HttpServletResponse response) {
        ComplianceExports.Format chosen = format(format);
        ResultFilter.Given given = new ResultFilter.Given(framework, control, check, verdict, severity, agent, tag, q);
        exports.write(call, filter.query(call, given, null, false), chosen, given.present(), () -> {
            response.setContentType(chosen.mediaType);
            response.setHeader(
                    "Content-Disposition",
                    "attachment; filename=\"compliance-" + call.tenantId() + "." + chosen.extension + "\"");
            return response.getWriter();
        });
    }

    static ComplianceExports.Format format(String format) {
        try {
            return ComplianceExports.Format.valueOf(format.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("format", "must be one of csv, xccdf, hdf");
        }
    }
}
