package io.tenantra.model;

import java.util.List;

/**
 * Settings the server keeps per agent. Agents fetch it from {@code GET /api/v1/agent/config}
 * only when the ETag returned by the heartbeat differs from the one they hold.
 *
 * @param modules scanning modules a scan without an explicit module list runs
 * @param heartbeatSeconds interval between heartbeats; the server marks an agent offline after
 *     three missed ones
 * @param moduleTimeoutSeconds the longest a single module may run
 * @param pollWaitSeconds how long one job long-poll waits for work
 */
public record AgentConfig(List<String> modules, int heartbeatSeconds, int moduleTimeoutSeconds, int pollWaitSeconds) {

    public AgentConfig {
        modules = modules == null ? List.of() : List.copyOf(modules);
    }
}
