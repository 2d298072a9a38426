package io.tenantra.scheduling;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A scan profile as the API and console show it: what a scheduled run scans and how.
 *
 * @param modules the agent modules every job runs; null when each agent runs its configured ones
 * @param policies compliance policies the profile asks to evaluate (recorded with the run)
 * @param frameworks compliance frameworks the profile asks to evaluate (recorded with the run)
 * @param selector which agents: exactly one of all, agentIds, tags, os
 * @param timeLimitMinutes how long each scan may run; null for the server's scan timeout
 * @param concurrency at most this many agents of a run scan at once; null for all at once
 * @param jitterSeconds a schedule's runs start up to this many seconds after their due time
 *     (a fixed offset per schedule), so many schedules on one cron do not start in one second
 */
public record ScanProfileView(
        UUID id,
        String name,
        String description,
        List<String> modules,
        List<String> policies,
        List<String> frameworks,
        Map<String, Object> selector,
        Integer timeLimitMinutes,
        Integer concurrency,
        int jitterSeconds,
        Instant createdAt,
        Instant modifiedAt) {}
