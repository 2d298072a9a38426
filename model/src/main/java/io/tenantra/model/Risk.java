package io.tenantra.model;

import java.util.Objects;

/**
 * A flag raised on one item: a weak password hash, telnet listening on every interface, a
 * world-writable file. {@code code} is a stable machine-readable reason (e.g.
 * {@code users.uid0_not_root}); {@code reason} explains it to a person.
 */
public record Risk(Severity severity, String code, String itemType, String itemKey, String reason)
        implements Comparable<Risk> {

    public Risk {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(code, "code");
    }

    @Override
    public int compareTo(Risk other) {
        int c = code.compareTo(other.code);
        if (c != 0) {
            return c;
        }
        c = String.valueOf(itemType).compareTo(String.valueOf(other.itemType));
        return c != 0 ? c : String.valueOf(itemKey).compareTo(String.valueOf(other.itemKey));
    }
}
