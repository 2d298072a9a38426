package io.tenantra.agents;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Token ids ({@code jti}) already used, each kept until its token expires: a second use within
 * the lifetime is a replay. Bounded: when full even after dropping expired entries it refuses
 * new tokens (the caller answers 503) rather than forgetting ones that could still be replayed.
 *
 * <p>NB: this is per node. A token replayed to another node within its lifetime is not caught
 * here; what limits that is the request hash (a token only ever authorises the identical method,
 * path and body), the short lifetime agents use (60 s), and idempotent handlers (a replayed
 * result upload changes nothing, a replayed heartbeat only refreshes last-seen).
 */
@Component
class ReplayCache {

    private final Map<Key, Long> seen = new ConcurrentHashMap<>();
    private final int maxEntries;
    private final Clock clock;

    ReplayCache(AgentsProperties properties, Clock clock) {
        this.maxEntries = properties.replayCacheSize();
        this.clock = clock;
    }

    enum Outcome {
        FIRST_USE,
        REPLAY,
        FULL
    }

    Outcome use(UUID agentId, String jti, Instant expiresAt) {
        if (seen.size() >= maxEntries) {
            sweep();
            if (seen.size() >= maxEntries) {
                return Outcome.FULL;
            }
        }
        Long previous = seen.putIfAbsent(new Key(agentId, jti), expiresAt.getEpochSecond());
        return previous == null ? Outcome.FIRST_USE : Outcome.REPLAY;
    }

    @Scheduled(fixedDelayString = "${tenantra.agents.replay-sweep-interval:10s}")
    void sweep() {
        // Keep a margin past expiry: the verifier's clock-skew allowance could still accept it.
        long cutoff = clock.instant().getEpochSecond() - AgentTokenVerifier.CLOCK_SKEW.toSeconds();
        seen.values().removeIf(expiry -> expiry < cutoff);
    }

    int size() {
        return seen.size();
    }

    private record Key(UUID agentId, String jti) {}
}
