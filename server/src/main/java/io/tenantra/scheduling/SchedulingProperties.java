package io.tenantra.scheduling;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings under {@code tenantra.scheduling.*}.
 *
 * @param enabled whether this process runs due schedules (default true); a process with it off
 *     still serves the API, and the others run the schedules
 * @param pollingInterval how often the scheduler looks for due runs (default 1s): with jitter 0
 *     a run starts within about this long after its due time
 * @param heartbeatInterval how often a process marks its running executions alive (default 5s);
 *     an execution whose process stopped heartbeating for {@code missedHeartbeats} intervals is
 *     picked up by another process
 * @param missedHeartbeats see above (default 4)
 * @param threads executions run at once per process (default 8)
 * @param misfireGrace a run that starts later than this after its due time counts as missed (no
 *     server was running) and follows the schedule's catch-up policy (default 1 minute)
 */
@ConfigurationProperties("tenantra.scheduling")
public record SchedulingProperties(
        Boolean enabled,
        Duration pollingInterval,
        Duration heartbeatInterval,
        Integer missedHeartbeats,
        Integer threads,
        Duration misfireGrace) {

    public SchedulingProperties {
        enabled = enabled == null || enabled;
        pollingInterval = pollingInterval == null ? Duration.ofSeconds(1) : pollingInterval;
        heartbeatInterval = heartbeatInterval == null ? Duration.ofSeconds(5) : heartbeatInterval;
        missedHeartbeats = missedHeartbeats == null ? 4 : missedHeartbeats;
        threads = threads == null ? 8 : threads;
        misfireGrace = misfireGrace == null ? Duration.ofMinutes(1) : misfireGrace;
        if (misfireGrace.isNegative() || misfireGrace.isZero()) {
            throw new IllegalArgumentException("tenantra.scheduling.misfire-grace must be positive");
        }
    }
}
