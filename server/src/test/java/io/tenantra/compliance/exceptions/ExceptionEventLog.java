package io.tenantra.compliance.exceptions;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Every {@link ExceptionsChanged} published while tests run (synchronously, at publication). */
@Component
class ExceptionEventLog {

    private final List<ExceptionsChanged> events = new CopyOnWriteArrayList<>();

    @EventListener
    void on(ExceptionsChanged event) {
        events.add(event);
    }

    long count(UUID tenantId) {
        return events.stream().filter(e -> e.tenantId().equals(tenantId)).count();
    }
}
