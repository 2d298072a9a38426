package io.tenantra.agents;

import io.tenantra.database.TenantTransactions;
import io.tenantra.platform.context.TenantScope;
import io.tenantra.platform.web.Cursors;
import io.tenantra.platform.web.PageResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** Reading scans, their jobs and module outcomes: the facade for the API and other modules. */
@Service
public class ScanDirectory {

    private final ScanRepository scans;
    private final ResultRepository results;
    private final TenantTransactions tx;
    private final AgentsProperties properties;

    ScanDirectory(ScanRepository scans, ResultRepository results, TenantTransactions tx, AgentsProperties properties) {
        this.scans = scans;
        this.results = results;
        this.tx = tx;
        this.properties = properties;
    }

    /** The module names scans may ask for. */
    public List<String> knownModules() {
        return properties.knownModules();
    }

    public Optional<ScanView> find(TenantScope scope, UUID tenantId, UUID scanId) {
        return tx.read(
                scope,
                () -> scans.find(tenantId, scanId, false)
                        .map(scan -> view(
                                scan, scans.counts(tenantId, List.of(scanId)).get(scanId))));
    }

    /** The tenant's scans, newest first. */
    public PageResponse<ScanView> list(TenantScope scope, UUID tenantId, Integer limit, String cursor) {
        PageResponse<TenantScan> page = list(scope, Set.of(tenantId), limit, cursor);
        return new PageResponse<>(page.items().stream().map(TenantScan::scan).toList(), page.nextCursor());
    }

    /** A scan and the tenant it belongs to. */
    public record TenantScan(UUID tenantId, ScanView scan) {}

    /** The scans of all {@code tenantIds} (each within {@code scope}), newest first, as one list. */
    public PageResponse<TenantScan> list(TenantScope scope, Set<UUID> tenantIds, Integer limit, String cursor) {
        int size = Cursors.limit(limit);
        List<String> after = Pages.after(cursor, 2);
        Instant afterCreated;
        UUID afterId;
        try {
            afterCreated = after == null ? null : Instant.parse(after.get(0));
            afterId = after == null ? null : UUID.fromString(after.get(1));
        } catch (RuntimeException e) {
            throw Cursors.malformed();
        }
        List<TenantScan> views = tx.read(scope, () -> {
            List<ScanRepository.TenantScanRow> rows = scans.list(tenantIds, afterCreated, afterId, size + 1);
            Map<UUID, ScanRepository.Counts> counts = scans.counts(
                    tenantIds, rows.stream().map(r -> r.scan().id()).toList());
            return rows.stream()
                    .map(r -> new TenantScan(
                            r.tenantId(), view(r.scan(), counts.get(r.scan().id()))))
                    .toList();
        });
        return Pages.page(
                views,
                size,
                v -> Cursors.encode(
                        v.scan().createdAt().toString(), v.scan().id().toString()));
    }

    /** The scan's jobs by agent name, each with its modules' outcomes and execution log. */
    public PageResponse<ScanView.JobView> jobs(
            TenantScope scope, UUID tenantId, UUID scanId, Integer limit, String cursor) {
        int size = Cursors.limit(limit);
        List<String> after = Pages.after(cursor, 2);
        UUID afterId;
        try {
            afterId = after == null ? null : UUID.fromString(after.get(1));
        } catch (IllegalArgumentException e) {
            throw Cursors.malformed();
        }
        List<ScanView.JobView> views = tx.read(scope, () -> {
            List<ScanRepository.JobRow> rows =
                    scans.jobs(tenantId, scanId, after == null ? null : after.get(0), afterId, size + 1);
            Map<UUID, List<ScanView.ModuleOutcome>> outcomes = results.outcomes(
                    tenantId, rows.stream().map(ScanRepository.JobRow::id).toList());
            List<ScanView.JobView> jobs = new ArrayList<>();
            for (ScanRepository.JobRow row : rows) {
                jobs.add(new ScanView.JobView(
                        row.id(),
                        row.agentId(),
                        row.agentName(),
                        row.hostname(),
                        row.status(),
                        row.attempt(),
                        row.modules(),
                        row.queuedAt(),
                        row.dispatchedAt(),
                        row.startedAt(),
                        row.finishedAt(),
                        outcomes.getOrDefault(row.id(), List.of()),
                        row.log()));
            }
            return jobs;
        });
        return Pages.page(views, size, v -> Cursors.encode(v.agentName(), v.id().toString()));
    }

    /** The latest result of each module on one agent, newest first. */
    public List<ResultRepository.LatestResult> latestResults(TenantScope scope, UUID tenantId, UUID agentId) {
        return tx.read(scope, () -> results.latestForAgent(tenantId, agentId));
    }

    // Package-private: ScanCompletion derives ScanFinished's status the same way, so event and API agree.
    static ScanView view(ScanRepository.ScanRow scan, ScanRepository.Counts counts) {
        Map<String, Integer> byStatus = counts == null ? Map.of() : counts.byStatus;
        ScanView.Progress progress = ScanView.Progress.of(scan.jobCount(), byStatus);
        String status;
        if (scan.cancelledAt() != null) {
            status = "cancelled";
        } else if (progress.finished()) {
            status = "completed";
        } else if (progress.untouched()) {
            status = "queued";
        } else {
            status = "running";
        }
        Instant finishedAt = scan.cancelledAt() != null
                ? scan.cancelledAt()
                : progress.finished() && counts != null ? counts.lastFinished : null;
        return new ScanView(
                scan.id(),
                status,
                scan.modules(),
                scan.selector(),
                scan.createdAt(),
                scan.createdBy(),
                scan.deadlineAt(),
                scan.cancelledAt(),
                finishedAt,
                progress);
    }
}
