package io.tenantra.agents;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings under {@code tenantra.agents.*}.
 *
 * @param knownModules module names the server accepts in scans, configs and results
 * @param defaultModules modules a newly enrolled agent's config enables
 * @param heartbeatSeconds heartbeat interval of a new agent's config
 * @param moduleTimeoutSeconds per-module time limit of a new agent's config
 * @param pollWaitSeconds long-poll wait of a new agent's config
 * @param heartbeatFlushInterval how often coalesced last-seen times are written
 * @param offlineGrace added to three heartbeat intervals before an agent counts as offline
 * @param dispatchLease how long a dispatched job may go without its agent acknowledging it
 * @param maxAttempts dispatches of one job before a lapsed lease times it out
 * @param scanTimeout a scan's deadline after it was created
 * @param maxResultBytes largest result upload as sent (possibly gzip-compressed)
 * @param maxResultDecompressedBytes largest result upload after decompression
 * @param maxModuleBytes largest single module result (its items, risks and messages as JSON)
 * @param replayCacheSize most token ids remembered against replay; beyond it requests get 503
 */
@ConfigurationProperties("tenantra.agents")
record AgentsProperties(
        List<String> knownModules,
        List<String> defaultModules,
        Integer heartbeatSeconds,
        Integer moduleTimeoutSeconds,
        Integer pollWaitSeconds,
        Duration heartbeatFlushInterval,
        Duration offlineGrace,
        Duration dispatchLease,
        Integer maxAttempts,
        Duration scanTimeout,
        Long maxResultBytes,
        Long maxResultDecompressedBytes,
        Long maxModuleBytes,
        Integer replayCacheSize) {

    /** The scanning modules of the agent (issue 6's catalogue). */
    static final List<String> MODULES = List.of(
            "system",
            "packages",
            "users",
            "network",
            "files",
            "services",
            "persistence",
            "processes",
            "boot",
            "kernel",
            "config");

    AgentsProperties {
        knownModules = knownModules == null || knownModules.isEmpty() ? MODULES : List.copyOf(knownModules);
        defaultModules =
                defaultModules == null || defaultModules.isEmpty() ? knownModules : List.copyOf(defaultModules);
        heartbeatSeconds = heartbeatSeconds == null ? 60 : heartbeatSeconds;
        moduleTimeoutSeconds = moduleTimeoutSeconds == null ? 300 : moduleTimeoutSeconds;
        pollWaitSeconds = pollWaitSeconds == null ? 30 : pollWaitSeconds;
        heartbeatFlushInterval = heartbeatFlushInterval == null ? Duration.ofSeconds(5) : heartbeatFlushInterval;
        offlineGrace = offlineGrace == null ? Duration.ofSeconds(15) : offlineGrace;
        dispatchLease = dispatchLease == null ? Duration.ofMinutes(2) : dispatchLease;
        maxAttempts = maxAttempts == null ? 3 : maxAttempts;
        scanTimeout = scanTimeout == null ? Duration.ofHours(2) : scanTimeout;
        maxResultBytes = maxResultBytes == null ? 16L * 1024 * 1024 : maxResultBytes;
        maxResultDecompressedBytes =
                maxResultDecompressedBytes == null ? 64L * 1024 * 1024 : maxResultDecompressedBytes;
        maxModuleBytes = maxModuleBytes == null ? 16L * 1024 * 1024 : maxModuleBytes;
        replayCacheSize = replayCacheSize == null ? 1_000_000 : replayCacheSize;
        if (!knownModules.containsAll(defaultModules)) {
            throw new IllegalArgumentException("tenantra.agents.default-modules must be known modules");
        }
    }
}
