package io.tenantra.agents;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tenantra.identity.CurrentUser;
import io.tenantra.identity.Permission;
import io.tenantra.identity.RequiresPermission;
import io.tenantra.identity.TenantAccess;
import io.tenantra.platform.context.CallContext;
import jakarta.servlet.http.HttpServletResponse;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The raw export of a scan over the API. */
@RestController
@Tag(name = "Scans")
class ScanExportController {

    private final ScanExport export;
    private final TenantAccess access;

    ScanExportController(ScanExport export, TenantAccess access) {
        this.export = export;
        this.access = access;
    }

    @RequiresPermission(Permission.SCAN_READ)
    @GetMapping("/api/v1/tenants/{tenantId}/scans/{id}/export.csv")
    @Operation(
            summary = "Every item the scan collected, one CSV row each (attributes as JSON; sensitive values"
                    + " masked without AGENTS_SENSITIVE_READ)")
    void export(
            CallContext call,
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable UUID id,
            HttpServletResponse response) {
        boolean revealed = SensitiveValues.revealed(access.permissionsOn(user, call.tenantId()));
        export.writeCsv(call, id, revealed, () -> {
            response.setContentType("text/csv;charset=UTF-8");
            response.setHeader("Content-Disposition", "attachment; filename=\"scan-" + id + ".csv\"");
            return response.getWriter();
        });
    }
}
