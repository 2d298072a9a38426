package io.tenantra.support;

import io.tenantra.platform.audit.AuditEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps every audit event the server publishes, for tests to assert on. Spring's
 * {@code @RecordApplicationEvents} cannot be used over real HTTP: it records only events published
 * on the test's own thread (an inheritable thread-local), and requests run on the server's
 * threads. Tests share one server, so they filter by ids they created themselves.
 */
@Component
public class AuditRecorder {

    private final List<AuditEvent> events = new CopyOnWriteArrayList<>();

    @EventListener
    void on(AuditEvent event) {
        events.add(event);
    }

    /** Events with {@code action} about {@code targetId}, oldest first. */
    public List<AuditEvent> find(String action, Object targetId) {
        String target = String.valueOf(targetId);
        return events.stream()
                .filter(e -> e.action().equals(action) && target.equals(e.targetId()))
                .toList();
    }
}
