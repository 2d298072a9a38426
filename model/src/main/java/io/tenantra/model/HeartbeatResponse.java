package io.tenantra.model;

import java.time.Instant;

/**
 * The server's answer to a heartbeat: the ETag of the agent's current config (fetch it only when
 * it changed) and the server's clock, so an agent can notice a skew that would make its signed
 * requests fail.
 */
public record HeartbeatResponse(String configEtag, int heartbeatSeconds, Instant serverTime) {}
