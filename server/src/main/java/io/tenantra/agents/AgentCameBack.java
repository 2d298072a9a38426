package io.tenantra.agents;

import java.time.Instant;
import java.util.UUID;

/**
 * Published when an agent that was marked offline heartbeats again, inside the transaction that
 * marks it online (the one that writes the {@code agent.online} audit record). The counterpart of
 * {@link AgentWentOffline}: alerting closes what that one opened.
 *
 * <p>Delivered after commit through the durable event publication registry and delivered again
 * after a crash or a failed listener, so listeners must be idempotent.
 *
 * @param offlineSince when it was marked offline; null if that was not recorded
 * @param at the heartbeat that brought it back
 */
public record AgentCameBack(UUID tenantId, UUID agentId, String name, Instant offlineSince, Instant at) {}
