package io.tenantra.agents;

import io.tenantra.model.AgentConfig;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An agent as the API and the console show it.
 *
 * @param status {@code online}, {@code offline} (three heartbeats missed) or {@code revoked}
 * @param enrolledAt when it enrolled: its first sight
 */
public record AgentView(
        UUID id,
        String name,
        String hostname,
        String osFamily,
        String osVersion,
        String architecture,
        String agentVersion,
        List<String> ipAddresses,
        Map<String, String> tags,
        String status,
        Instant enrolledAt,
        Instant lastSeenAt,
        Instant offlineSince,
        Instant revokedAt,
        AgentConfig config,
        String configEtag) {

    static AgentView of(AgentRepository.AgentRow row, Instant pendingLastSeen) {
        Instant lastSeen = pendingLastSeen != null && pendingLastSeen.isAfter(row.lastSeenAt())
                ? pendingLastSeen
                : row.lastSeenAt();
        // A heartbeat not yet written proves the agent is back even if the row still says offline.
        String status = row.revokedAt() == null && pendingLastSeen != null && !"online".equals(row.connection())
                ? "online"
                : row.status();
        return new AgentView(
                row.id(),
                row.name(),
                row.hostname(),
                row.osFamily(),
                row.osVersion(),
                row.architecture(),
                row.agentVersion(),
                row.ipAddresses(),
                row.tags(),
                status,
                row.enrolledAt(),
                lastSeen,
                "online".equals(status) ? null : row.offlineSince(),
                row.revokedAt(),
                row.config(),
                row.configEtag());
    }
}
