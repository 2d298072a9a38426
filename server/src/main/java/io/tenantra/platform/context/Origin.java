package io.tenantra.platform.context;

import java.io.Serializable;

/**
 * Where a call came from: the request id every log line and problem body carries, the client's
 * address and user agent. Jobs and start-up work have {@link #NONE}. Serializable because a
 * console sign-in keeps it in the session's authentication details.
 */
public record Origin(String requestId, String clientAddress, String userAgent) implements Serializable {

    /** Longest user agent kept; longer ones are cut so a client cannot bloat every record. */
    public static final int MAX_USER_AGENT = 512;

    public static final Origin NONE = new Origin(null, null, null);

    public Origin {
        if (userAgent != null && userAgent.length() > MAX_USER_AGENT) {
            userAgent = userAgent.substring(0, MAX_USER_AGENT);
        }
    }
}
