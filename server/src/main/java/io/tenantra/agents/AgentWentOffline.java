package io.tenantra.agents;

import java.time.Instant;
import java.util.UUID;

/**
 * Published when an agent missed three heartbeats and was marked offline, inside the transaction
 * that marked it (with its {@code agent.offline} audit record). {@link AgentCameBack} follows when
 * it heartbeats again.
 *
 * <p>Listeners react with {@code @ApplicationModuleListener}: delivered after commit through the
 * durable event publication registry and delivered again after a crash or a failed listener, so
 * listeners must be idempotent.
 */
public record AgentWentOffline(UUID tenantId, UUID agentId, String name, Instant lastSeenAt, Instant detectedAt) {}
