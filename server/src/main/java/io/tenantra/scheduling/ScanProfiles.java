package io.tenantra.scheduling;

import io.tenantra.agents.ScanDirectory;
import io.tenantra.database.TenantTransactions;
import io.tenantra.platform.audit.AuditAction;
import io.tenantra.platform.audit.AuditEvents;
import io.tenantra.platform.context.CallContext;
import io.tenantra.platform.web.ApiException;
import io.tenantra.platform.web.Cursors;
import io.tenantra.platform.web.PageResponse;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Scan profiles: create, replace, delete (refused while a schedule uses one), read and list. Each
 * change is one transaction with its audit record. Callers pass a call whose scope was checked for
 * {@code SCAN_WRITE} (changes) or {@code SCAN_READ} (reads).
 */
@Service
public class ScanProfiles {

    static final int MAX_NAME = 100;
    static final int MAX_DESCRIPTION = 1000;
    static final int MAX_CONTENT_IDS = 100;

    private final ScanProfileRepository profiles;
    private final ScanDirectory scans;
    private final TenantTransactions tx;
    private final AuditEvents audit;

    ScanProfiles(ScanProfileRepository profiles, ScanDirectory scans, TenantTransactions tx, AuditEvents audit) {
        this.profiles = profiles;
        this.scans = scans;
        this.tx = tx;
        this.audit = audit;
    }

    public ScanProfileView create(CallContext call, ScanProfileRequest request) {
        ScanProfileRepository.ProfileRow row = checked(UUID.randomUUID(), request, call);
        return tx.write(call.scope(), () -> {
            refuseTakenName(call, row);
            profiles.insert(call.tenantId(), row, call.userId());
            audit.changed(call, AuditAction.SCAN_PROFILE_CREATE, "scan_profile", row.id(), summary(row));
            return row.view();
        });
    }

    /** Replaces every field of a profile; schedules using it scan the new way from their next run. */
    public ScanProfileView replace(CallContext call, UUID id, ScanProfileRequest request) {
        ScanProfileRepository.ProfileRow checked = checked(id, request, call);
        return tx.write(call.scope(), () -> {
            var current =
                    profiles.find(call.tenantId(), id).orElseThrow(() -> ApiException.notFound("The scan profile"));
            var row = new ScanProfileRepository.ProfileRow(
                    id,
                    checked.name(),
                    checked.description(),
                    checked.modules(),
                    checked.policies(),
                    checked.frameworks(),
                    checked.selector(),
                    checked.timeLimitSeconds(),
                    checked.concurrency(),
                    checked.jitterSeconds(),
                    current.createdAt(),
                    call.at());
            refuseTakenName(call, row);
            profiles.update(call.tenantId(), row, call.userId());
            audit.changed(call, AuditAction.SCAN_PROFILE_UPDATE, "scan_profile", id, summary(row));
            return row.view();
        });
    }

    public void delete(CallContext call, UUID id) {
        tx.write(call.scope(), () -> {
            var row = profiles.find(call.tenantId(), id).orElseThrow(() -> ApiException.notFound("The scan profile"));
            long using = profiles.schedulesUsing(call.tenantId(), id);
            if (using > 0) {
                throw ApiException.conflict("The scan profile is used by " + using
                        + (using == 1 ? " schedule" : " schedules") + "; delete or change them first.");
            }
            profiles.delete(call.tenantId(), id);
            audit.changed(call, AuditAction.SCAN_PROFILE_DELETE, "scan_profile", id, Map.of("name", row.name()));
            return null;
        });
    }

    public ScanProfileView get(CallContext call, UUID id) {
        return tx.read(call.scope(), () -> profiles.find(call.tenantId(), id))
                .map(ScanProfileRepository.ProfileRow::view)
                .orElseThrow(() -> ApiException.notFound("The scan profile"));
    }

    /** By name; {@code q} narrows to names containing it. */
    public PageResponse<ScanProfileView> list(CallContext call, String q, Integer limit, String cursor) {
        int size = Cursors.limit(limit);
        String query = Paging.query(q);
        Paging.After after = Paging.after(cursor);
        List<ScanProfileView> rows = tx
                .read(
                        call.scope(),
                        () -> profiles.list(
                                call.tenantId(),
                                query,
                                after == null ? null : after.key(),
                                after == null ? null : after.id(),
                                size + 1))
                .stream()
                .map(ScanProfileRepository.ProfileRow::view)
                .toList();
        return Paging.page(rows, size, v -> new String[] {v.name(), v.id().toString()});
    }

    private void refuseTakenName(CallContext call, ScanProfileRepository.ProfileRow row) {
        if (profiles.nameTaken(call.tenantId(), row.name(), row.id())) {
            throw ApiException.conflict("A scan profile named '" + row.name() + "' already exists.");
        }
    }

    private ScanProfileRepository.ProfileRow checked(UUID id, ScanProfileRequest request, CallContext call) {
        if (request == null) {
            throw ApiException.invalid("body", "is required");
        }
        Fields fields = new Fields();
        String name = fields.name("name", request.name(), MAX_NAME);
        String description = fields.text("description", request.description(), MAX_DESCRIPTION);
        List<String> modules = modules(request.modules(), fields);
        List<String> policies = fields.ids("policies", request.policies(), MAX_CONTENT_IDS);
        List<String> frameworks = fields.ids("frameworks", request.frameworks(), MAX_CONTENT_IDS);
        AgentSelector selector = AgentSelector.check(request.selector(), fields);
        Integer timeLimit = fields.range("timeLimitMinutes", request.timeLimitMinutes(), 1, 1440);
        Integer concurrency = fields.range("concurrency", request.concurrency(), 1, 10_000);
        Integer jitter = fields.range("jitterSeconds", request.jitterSeconds(), 0, 3600);
        fields.throwIfAny();
        return new ScanProfileRepository.ProfileRow(
                id,
                name,
                description,
                modules,
                policies,
                frameworks,
                selector.asMap(),
                timeLimit == null ? null : timeLimit * 60,
                concurrency,
                jitter == null ? 0 : jitter,
                call.at(),
                call.at());
    }

    private List<String> modules(List<String> modules, Fields fields) {
        if (modules == null) {
            return null;
        }
        List<String> known = scans.knownModules();
        if (modules.isEmpty() || modules.size() > known.size()) {
            fields.add("modules", "must name between 1 and " + known.size() + " modules, or be left out");
            return null;
        }
        LinkedHashSet<String> distinct = new LinkedHashSet<>();
        for (String module : modules) {
            if (module == null || !known.contains(module)) {
                fields.add("modules", "'" + module + "' is not a known module; known: " + known);
                return null;
            }
            distinct.add(module);
        }
        return List.copyOf(distinct);
    }

    private static Map<String, Object> summary(ScanProfileRepository.ProfileRow row) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("name", row.name());
        summary.put("selector", row.selector());
        if (row.modules() != null) {
            summary.put("modules", row.modules());
        }
        if (row.concurrency() != null) {
            summary.put("concurrency", row.concurrency());
        }
        summary.put("jitterSeconds", row.jitterSeconds());
        return summary;
    }
}
