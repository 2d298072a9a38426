package io.tenantra.agents;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Decides, inside a transaction that just ended some jobs, whether it ended the last open job of
 * their scans, and publishes {@link ScanFinished} for each scan it did.
 *
 * <p>Exactly once, even when several jobs of one scan end at the same moment on different
 * threads or nodes: every transaction that ends a job first updates the job, then locks the scan
 * row here and only then counts the open jobs (a new statement, so under READ COMMITTED it sees
 * every job ending committed before the lock was granted). Of concurrent job endings, each one
 * that checks earlier still sees the later ones' jobs as open (uncommitted); the last to get the
 * lock sees none. A job reaches a terminal state only once, so no later transaction checks again.
 *
 * <p>Callers must take the scan lock last (after their job locks), which every caller does; a
 * caller that locked the scan first and jobs afterwards could deadlock with ingestion.
 */
@Component
class ScanCompletion {

    private final ScanRepository scans;
    private final ApplicationEventPublisher events;

    ScanCompletion(ScanRepository scans, ApplicationEventPublisher events) {
        this.scans = scans;
        this.events = events;
    }

    /** Call inside the tenant transaction that moved jobs of {@code scanIds} to a terminal state. */
    void jobsEnded(UUID tenantId, Collection<UUID> scanIds) {
        if (scanIds.isEmpty()) {
            return;
        }
        // Sorted, so two transactions ending jobs of the same scans lock them in the same order.
        List<UUID> ordered = List.copyOf(new TreeSet<>(scanIds));
        List<ScanRepository.ScanRow> locked = scans.lock(tenantId, ordered);
        Map<UUID, ScanRepository.Counts> counts = scans.counts(tenantId, ordered);
        for (ScanRepository.ScanRow scan : locked) {
            ScanView view = ScanDirectory.view(scan, counts.get(scan.id()));
            if (view.progress().finished()) {
                events.publishEvent(
                        new ScanFinished(tenantId, scan.id(), view.status(), view.progress(), view.finishedAt()));
            }
        }
    }
}
