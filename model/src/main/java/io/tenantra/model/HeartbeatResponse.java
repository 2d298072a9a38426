package io.tenantra.model;

import java.time.Instant;

/**
 * The server's answer to a heartbeat: the ETag of the agent's current config (fetch it only when
 * it changed) and the server's clock, so an agent can notice a skew that would make its signed
 * requests fail. It also names the content key that signs probes ({@code contentKey}, base64 SPKI,
 * and {@code contentKeyId}), so agents enrolled before probes existed learn it; an agent pins the
 * first one it sees and refuses probes signed by any other.
 */
public record HeartbeatResponse(
        String configEtag, int heartbeatSeconds, Instant serverTime, String contentKey, String contentKeyId) {

    /** An answer without a content key (servers older than probes). */
    public HeartbeatResponse(String configEtag, int heartbeatSeconds, Instant serverTime) {
        this(configEtag, heartbeatSeconds, serverTime, null, null);
    }
}
