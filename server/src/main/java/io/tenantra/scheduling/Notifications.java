package io.tenantra.scheduling;

import static io.tenantra.scheduling.Rows.instant;
import static io.tenantra.scheduling.Rows.ts;

import io.tenantra.database.TenantTransactions;
import io.tenantra.platform.audit.AuditAction;
import io.tenantra.platform.audit.AuditEvents;
import io.tenantra.platform.context.CallContext;
import io.tenantra.platform.context.TenantScope;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Console notifications: a short notice for one user with a link, shown on the notifications
 * page and counted on the dashboard. Written here because the alerting module (#18), which will
 * own notices and their channels (e-mail, webhooks), does not exist yet; the table is small and
 * self-contained so it can move there.
 */
@Service
public class Notifications {

    static final int LIST_LIMIT = 100;

    private final JdbcClient jdbc;
    private final TenantTransactions tx;
    private final AuditEvents audit;

    Notifications(JdbcClient jdbc, TenantTransactions tx, AuditEvents audit) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.audit = audit;
    }

    /** One notice as the console shows it. */
    public record Notice(
            UUID id, UUID tenantId, String title, String body, String link, Instant createdAt, Instant readAt) {}

    /**
     * Tells {@code ownerId} that a run finished, in the caller's transaction; once per run even if
     * the event that finished it is delivered again.
     */
    void runCompleted(CallContext call, UUID ownerId, RunView run, Map<String, Object> counts, UUID firstScan) {
        String title = "Scheduled scan '" + run.scheduleName() + "' finished";
        String body = "Run due " + run.dueAt() + ": " + counts.getOrDefault("total", 0) + " job(s), "
                + counts.getOrDefault("succeeded", 0) + " succeeded, " + counts.getOrDefault("failed", 0)
                + " failed, " + counts.getOrDefault("timedOut", 0) + " timed out, "
                + counts.getOrDefault("cancelled", 0) + " cancelled.";
        String link = firstScan == null
                ? "/schedules/" + run.scheduleId() + "?tenant=" + call.tenantId()
                : "/scans/" + firstScan + "?tenant=" + call.tenantId();
        jdbc.sql("INSERT INTO console_notification (id, tenant_id, user_id, title, body, link, subject_id, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (tenant_id, user_id, subject_id) DO NOTHING")
                .params(UUID.randomUUID(), call.tenantId(), ownerId, title, body, link, run.id(), ts(call.at()))
                .update();
    }

    /** The user's newest notices in the tenants of {@code scope}. */
    public List<Notice> recent(TenantScope scope, UUID userId) {
        return tx.read(
                scope,
                () -> jdbc.sql("SELECT id, tenant_id, title, body, link, created_at, read_at FROM console_notification"
                                + " WHERE user_id = ? ORDER BY created_at DESC, id DESC LIMIT ?")
                        .params(userId, LIST_LIMIT)
                        .query((rs, i) -> new Notice(
                                rs.getObject("id", UUID.class),
                                rs.getObject("tenant_id", UUID.class),
                                rs.getString("title"),
                                rs.getString("body"),
                                rs.getString("link"),
                                instant(rs, "created_at"),
                                instant(rs, "read_at")))
                        .list());
    }

    public long unread(TenantScope scope, UUID userId) {
        return tx.read(
                scope,
                () -> jdbc.sql("SELECT count(*) FROM console_notification WHERE user_id = ? AND read_at IS NULL")
                        .params(userId)
                        .query(Long.class)
                        .single());
    }

    /** Marks every unread notice of the calling user in the call's scope read (audited with the count). */
    public int markAllRead(CallContext call) {
        return tx.write(call.scope(), () -> {
            int marked = jdbc.sql("UPDATE console_notification SET read_at = ? WHERE user_id = ? AND read_at IS NULL")
                    .params(ts(call.at()), call.userId())
                    .update();
            if (marked > 0) {
                audit.changed(
                        call,
                        AuditAction.NOTIFICATION_READ,
                        "console_notification",
                        call.userId(),
                        Map.of("count", marked));
            }
            return marked;
        });
    }
}
