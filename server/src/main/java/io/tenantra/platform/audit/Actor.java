package io.tenantra.platform.audit;

import java.util.UUID;

/**
 * Who did something: a user (possibly impersonated by another), an API key, an agent, or the
 * system itself (jobs, bootstrap). Audit records keep both identities of an impersonation.
 */
public record Actor(Kind kind, UUID id, String name, UUID impersonatorId, String impersonatorName) {

    public enum Kind {
        USER,
        API_KEY,
        AGENT,
        SYSTEM,
        ANONYMOUS
    }

    public static final Actor SYSTEM = new Actor(Kind.SYSTEM, null, "system", null, null);

    public static Actor user(UUID id, String name) {
        return new Actor(Kind.USER, id, name, null, null);
    }

    /** A named background job or start-up step, e.g. {@code system("offline-detector")}. */
    public static Actor system(String job) {
        return new Actor(Kind.SYSTEM, null, job, null, null);
    }

    public static Actor anonymous(String claimedName) {
        return new Actor(Kind.ANONYMOUS, null, claimedName, null, null);
    }

    public boolean isImpersonated() {
        return impersonatorId != null;
    }
}
