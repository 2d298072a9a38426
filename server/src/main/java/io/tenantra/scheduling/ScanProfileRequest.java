package io.tenantra.scheduling;

import java.util.List;

/** A scan profile as a client sends it (create and full replace); checked field by field by {@link ScanProfiles}. */
public record ScanProfileRequest(
        String name,
        String description,
        List<String> modules,
        List<String> policies,
        List<String> frameworks,
        AgentSelector selector,
        Integer timeLimitMinutes,
        Integer concurrency,
        Integer jitterSeconds) {}
