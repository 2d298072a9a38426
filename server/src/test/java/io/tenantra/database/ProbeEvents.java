package io.tenantra.database;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * A durable test event and its listener, for testing the event publication registry itself
 * (storage, completion, purge) apart from any module's events. {@code fail} makes the listener
 * throw, leaving the publication incomplete.
 */
@Component
class ProbeEvents {

    record Probe(UUID id, boolean fail) {}

    private final List<UUID> delivered = new CopyOnWriteArrayList<>();

    @ApplicationModuleListener
    void on(Probe probe) {
        if (probe.fail()) {
            throw new IllegalStateException("probe listener fails (test): " + probe.id());
        }
        delivered.add(probe.id());
    }

    List<UUID> delivered() {
        return List.copyOf(delivered);
    }
}
