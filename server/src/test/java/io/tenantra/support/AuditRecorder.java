package io.tenantra.support;

import io.tenantra.platform.audit.AuditEvent;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Every audit event the running server publishes, for tests to assert on. Spring's
 * {@code @RecordApplicationEvents} cannot be used here: it records only events published on the
 * test's own thread, while these tests call the server over real HTTP, whose requests run on
 * server threads. Tests share the server, so they filter by the ids of what they created.
 */
@Component
public class AuditRecorder {

    private final Queue<AuditEvent> events = new ConcurrentLinkedQueue<>();

    @EventListener
    void on(AuditEvent event) {
        events.add(event);
    }

    /** Events about one target (a user id, a role id), oldest first. */
    public List<AuditEvent> about(Object targetId) {
        String id = String.valueOf(targetId);
        return events.stream().filter(e -> id.equals(e.targetId())).toList();
    }

    /** Events about one target with one action. */
    public List<AuditEvent> about(Object targetId, String action) {
        return about(targetId).stream().filter(e -> e.action().equals(action)).toList();
    }
}
