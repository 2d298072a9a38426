package io.tenantra.audit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tenantra.identity.Permission;
import io.tenantra.identity.RequiresPermission;
import io.tenantra.platform.context.CallContext;
import io.tenantra.platform.web.Cursors;
import io.tenantra.platform.web.PageResponse;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Audit trail")
class AccessLogController {

    private final AccessLogRepository log;

    AccessLogController(AccessLogRepository log) {
        this.log = log;
    }

    @RequiresPermission(Permission.AUDIT_READ)
    @GetMapping(path = "/api/v1/tenants/{tenantId}/api-access-log", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "API requests about this tenant, newest first",
            description = "Method, route template, status, latency and caller of each request. Written in"
                    + " batches about a second after the request; kept apart from the audit trail.")
    PageResponse<AccessLogRecord> list(
            CallContext call,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String method,
            @RequestParam(required = false) String pathTemplate,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String caller,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        AccessLogQuery query = AccessLogQuery.parse(from, to, method, pathTemplate, status, caller);
        int size = Cursors.limit(limit);
        Long before = null;
        if (cursor != null) {
            List<String> parts = Cursors.decode(cursor, 2);
            try {
                if (!"a".equals(parts.get(0))) {
                    throw Cursors.malformed();
                }
                before = Long.parseLong(parts.get(1));
            } catch (NumberFormatException e) {
                throw Cursors.malformed();
            }
        }
        List<AccessLogRecord> rows = log.page(call.tenantId(), query, before, size);
        boolean more = rows.size() > size;
        List<AccessLogRecord> page = more ? rows.subList(0, size) : rows;
        String next = more
                ? Cursors.encode("a", Long.toString(page.get(page.size() - 1).id()))
                : null;
        return new PageResponse<>(page, next);
    }
}
