package io.tenantra.compliance.exceptions;

/**
 * Where an exception stands, derived from its decision, revocation and expiry at a moment (never
 * stored, so it cannot go stale): revoked and rejected are final; an unrevoked, unrejected one
 * whose expiry has passed is expired, whether or not it was ever approved.
 */
public enum ExceptionState {
    PENDING,
    APPROVED,
    REJECTED,
    REVOKED,
    EXPIRED;

    /** The lower-case name the API and the console use. */
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The state named by {@code code} (case-insensitive), or null when it names none. */
    public static ExceptionState ofCode(String code) {
        for (ExceptionState state : values()) {
            if (state.code().equalsIgnoreCase(code)) {
                return state;
            }
        }
        return null;
    }
}
