package io.tenantra.agents;

import java.time.Instant;
import java.util.UUID;

/**
 * Published when an agent missed three heartbeats and was marked offline, inside the transaction
 * that marked it. Other modules (alerting, for example) react to it, ideally after commit with
 * {@code @ApplicationModuleListener} or {@code @TransactionalEventListener}.
 */
public record AgentWentOffline(UUID tenantId, UUID agentId, String name, Instant lastSeenAt, Instant detectedAt) {}
