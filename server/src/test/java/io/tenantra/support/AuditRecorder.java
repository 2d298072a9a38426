package io.tenantra.support;

import io.tenantra.platform.audit.AuditEvent;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Every audit event the server publishes while tests run, whichever thread publishes it.
 * Spring's {@code @RecordApplicationEvents} only sees events of the test's own thread, but over
 * real HTTP they are published on the server's request threads. Tests share one server, so they
 * filter by what they alone created (a target id), never by position or count of everything.
 */
@Component("testAuditRecorder") // the audit module has its own bean named auditRecorder
public class AuditRecorder {

    private final List<AuditEvent> events = new CopyOnWriteArrayList<>();

    @EventListener
    void on(AuditEvent event) {
        events.add(event);
    }

    /** The events with this action about this target, oldest first. */
    public List<AuditEvent> events(String action, Object targetId) {
        String target = String.valueOf(targetId);
        return events.stream()
                .filter(e -> e.action().equals(action) && Objects.equals(e.targetId(), target))
                .toList();
    }

    /** Same as {@link #events}: the name the API-key tests use. */
    public List<AuditEvent> find(String action, Object targetId) {
        return events(action, targetId);
    }

    /** Every event about this target, oldest first. */
    public List<AuditEvent> about(Object targetId) {
        String target = String.valueOf(targetId);
        return events.stream().filter(e -> Objects.equals(e.targetId(), target)).toList();
    }

    /** Events about one target with one action (the users and roles tests' spelling). */
    public List<AuditEvent> about(Object targetId, String action) {
        return events(action, targetId);
    }

    /**
     * Events about one target whose action starts with {@code prefix} (e.g. {@code "user."}),
     * leaving out what else happened to it, such as its logins.
     */
    public List<AuditEvent> about(Object targetId, String prefix, boolean byPrefix) {
        String target = String.valueOf(targetId);
        return events.stream()
                .filter(e -> Objects.equals(e.targetId(), target) && e.action().startsWith(prefix))
                .toList();
    }

    /** Every event that passes {@code filter}, oldest first (for events without a target). */
    public List<AuditEvent> matching(java.util.function.Predicate<AuditEvent> filter) {
        return events.stream().filter(filter).toList();
    }
}
