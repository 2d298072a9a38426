package io.tenantra.audit;

import io.swagger.v3.oas.annotations.Hidden;
import io.tenantra.database.TenantTransactions;
import io.tenantra.identity.Permission;
import io.tenantra.identity.RequiresPermission;
import io.tenantra.identity.TenantContext;
import io.tenantra.platform.audit.AuditEvent;
import io.tenantra.platform.web.ApiException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Test-only writes (src/test): a real change in a transaction that publishes its audit event the
 * way every module must, and one that fails after publishing, whose event must vanish with it.
 */
// Hidden from the API reference: docs/openapi.json describes the product, not test fixtures.
@Hidden
@RestController
class AuditProbeController {

    private final TenantTransactions tx;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher audit;

    AuditProbeController(TenantTransactions tx, JdbcClient jdbc, ApplicationEventPublisher audit) {
        this.tx = tx;
        this.jdbc = jdbc;
        this.audit = audit;
    }

    @RequiresPermission(Permission.TENANT_WRITE)
    @PostMapping("/api/v1/tenants/{tenantId}/test-audit/rename")
    Map<String, Object> rename(TenantContext ctx, @RequestBody Map<String, String> body) {
        return tx.write(ctx.scope(), () -> renameAndAudit(ctx, body.get("name")));
    }

    @RequiresPermission(Permission.TENANT_WRITE)
    @PostMapping("/api/v1/tenants/{tenantId}/test-audit/rename-then-fail")
    Map<String, Object> renameThenFail(TenantContext ctx, @RequestBody Map<String, String> body) {
        return tx.write(ctx.scope(), () -> {
            renameAndAudit(ctx, body.get("name"));
            throw ApiException.conflict("failed on purpose after the change and its event");
        });
    }

    private Map<String, Object> renameAndAudit(TenantContext ctx, String name) {
        jdbc.sql("UPDATE tenant SET name = ? WHERE id = ?")
                .params(name, ctx.tenantId())
                .update();
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put("name", name);
        // Publishers must never send secrets; the recorder redacts them anyway.
        changes.put("password", "hunter2");
        changes.put("details", Map.of("apiToken", "t0k3n", "count", 3, "ratio", 1.50, "tokenId", "not-secret"));
        // A test-only action outside the catalogue, so the raw event is published as AuditEvents would.
        audit.publishEvent(new AuditEvent(
                ctx.tenantId(),
                ctx.call().actor(),
                "test.tenant.rename",
                "tenant",
                ctx.tenantId().toString(),
                changes,
                AuditEvent.Outcome.SUCCESS,
                ctx.call().at(),
                ctx.call().origin()));
        return Map.of("name", name);
    }
}
