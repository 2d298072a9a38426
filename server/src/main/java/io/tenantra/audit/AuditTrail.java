package io.tenantra.audit;

import io.tenantra.database.TenantTransactions;
import io.tenantra.identity.CurrentUser;
import io.tenantra.identity.Permission;
import io.tenantra.identity.TenantAccess;
import io.tenantra.platform.audit.AuditAction;
import io.tenantra.platform.audit.AuditEvent;
import io.tenantra.platform.audit.AuditEvents;
import io.tenantra.platform.context.CallContext;
import io.tenantra.platform.context.TenantScope;
import io.tenantra.platform.web.PageResponse;
import io.tenantra.tenancy.TenantHierarchy;
import java.io.Writer;
import java.security.PublicKey;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit module's facade: read, export and verify tenants' trails. Callers have already
 * checked that the caller holds {@code AUDIT_READ} on the tenant they ask about.
 */
@Service
public class AuditTrail {

    private final TenantTransactions tx;
    private final TransactionTemplate snapshot;
    private final JdbcClient jdbc;
    private final ChainReader chains;
    private final TenantAccess access;
    private final TenantHierarchy hierarchy;
    private final AuditEvents auditEvents;

    AuditTrail(
            TenantTransactions tx,
            PlatformTransactionManager transactions,
            JdbcClient jdbc,
            ChainReader chains,
            TenantAccess access,
            TenantHierarchy hierarchy,
            AuditEvents auditEvents) {
        this.tx = tx;
        // Verification and export read events, checkpoints and head as one consistent picture.
        this.snapshot = new TransactionTemplate(transactions);
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.snapshot.setReadOnly(true);
        this.jdbc = jdbc;
        this.chains = chains;
        this.access = access;
        this.hierarchy = hierarchy;
        this.auditEvents = auditEvents;
    }

    /**
     * The tenants a read about {@code tenantId} covers: that tenant, and with {@code
     * includeDescendants} every tenant below it on which the caller also holds {@code
     * AUDIT_READ}. Never a parent: a tenant's subtree only goes down.
     */
    public Set<UUID> readableTenants(CurrentUser user, UUID tenantId, boolean includeDescendants) {
        if (!includeDescendants) {
            return Set.of(tenantId);
        }
        Set<UUID> permitted = access.tenantsWith(user, Permission.AUDIT_READ);
        Set<UUID> result = new LinkedHashSet<>();
        for (UUID tenant : hierarchy.subtree(tenantId)) {
            if (permitted.contains(tenant)) {
                result.add(tenant);
            }
        }
        result.add(tenantId);
        return result;
    }

    /**
     * A page of events, newest first.
     *
     * @param subtree whether {@code tenants} came from {@code includeDescendants}: a subtree is
     *     ordered by time across its chains, one chain by seq
     */
    public PageResponse<AuditRecord> search(
            Set<UUID> tenants, boolean subtree, AuditFilter filter, String cursor, int limit) {
        return search(tenants, subtree, filter, cursor, limit, false);
    }

    /** As {@link #search(Set, boolean, AuditFilter, String, int)}, oldest first when asked (the console's sort). */
    public PageResponse<AuditRecord> search(
            Set<UUID> tenants, boolean subtree, AuditFilter filter, String cursor, int limit, boolean oldestFirst) {
        AuditQuery.Sql sql = AuditQuery.page(tenants, subtree, filter, cursor, limit, oldestFirst);
        List<ChainEvent> rows = tx.read(
                TenantScope.of(tenants),
                () -> jdbc.sql("SELECT " + ChainRows.EVENT_COLUMNS + " FROM audit_event WHERE " + sql.where())
                        .params(sql.params())
                        .query((rs, i) -> ChainRows.event(rs))
                        .list());
        boolean more = rows.size() > limit;
        List<ChainEvent> page = more ? rows.subList(0, limit) : rows;
        String next = more ? AuditQuery.cursorAfter(page.get(page.size() - 1), !subtree) : null;
        return new PageResponse<>(page.stream().map(AuditRecord::of).toList(), next);
    }

    public Optional<AuditRecord> find(UUID tenantId, UUID eventId) {
        return tx.read(
                        TenantScope.of(tenantId),
                        () -> jdbc.sql("SELECT " + ChainRows.EVENT_COLUMNS
                                        + " FROM audit_event WHERE tenant_id = ? AND id = ?")
                                .params(tenantId, eventId)
                                .query((rs, i) -> ChainRows.event(rs))
                                .optional())
                .map(AuditRecord::of);
    }

    /** Recomputes the tenant's whole chain and checks every checkpoint, streaming, in one snapshot. */
    public VerificationResult verify(UUID tenantId) {
        Map<String, PublicKey> keys = new HashMap<>();
        ChainVerifier verifier = new ChainVerifier(keys::get);
        snapshot.executeWithoutResult(status -> tx.read(TenantScope.of(tenantId), () -> {
            chains.publicKeys().forEach((kid, key) -> keys.put(kid, Ed25519Keys.decode(key)));
            ChainReader.Head head = chains.head(tenantId);
            chains.walk(tenantId, 0, true, verifier);
            verifier.head(tenantId, head.seq(), head.hash());
            return null;
        }));
        return verifier.result();
    }

    /**
     * Writes a CSV export. Without filters it holds the complete chains of {@code tenants} with
     * their checkpoints, which the offline verifier can check; with filters only matching events.
     */
    public void export(Set<UUID> tenants, AuditFilter filter, Writer out) {
        ExportCsv csv = new ExportCsv(out);
        snapshot.executeWithoutResult(status -> tx.read(TenantScope.of(tenants), () -> {
            csv.header();
            if (filter.isEmpty()) {
                new TreeSet<>(tenants).forEach(tenant -> chains.walk(tenant, 0, true, csv));
            } else {
                chains.walkMatching(AuditQuery.where(tenants, filter), csv::event);
            }
            return null;
        }));
    }

    /** Exports are reads of sensitive data: each one leaves an event in the tenant's trail. */
    public void recordExport(CallContext call, Set<UUID> tenants, AuditFilter filter) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("tenants", tenants.stream().map(UUID::toString).sorted().toList());
        details.put("filtered", !filter.isEmpty());
        putIfSet(details, "from", filter.from());
        putIfSet(details, "to", filter.to());
        putIfSet(details, "actor", filter.actor());
        putIfSet(details, "action", filter.action());
        putIfSet(details, "targetType", filter.targetType());
        putIfSet(details, "targetId", filter.targetId());
        putIfSet(details, "outcome", filter.outcome());
        putIfSet(details, "q", filter.text());
        auditEvents.happened(
                call, AuditAction.AUDIT_EXPORT, "audit-trail", call.tenantId(), details, AuditEvent.Outcome.SUCCESS);
    }

    /** The public checkpoint keys, oldest first. */
    public List<SigningKeyInfo> signingKeys() {
        return chains.publishedKeys().stream()
                .map(k -> new SigningKeyInfo(k.kid(), k.algorithm(), k.publicKey(), k.createdAt()))
                .toList();
    }

    private static void putIfSet(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value.toString());
        }
    }

    /**
     * A checkpoint verification key.
     *
     * @param publicKey base64 of the X.509 SubjectPublicKeyInfo encoding
     */
    public record SigningKeyInfo(String kid, String algorithm, String publicKey, java.time.Instant createdAt) {}
}
