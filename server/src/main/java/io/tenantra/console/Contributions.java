package io.tenantra.console;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Checks contributions from many modules for collisions. Two modules that contribute the same
 * navigation target or the same dashboard tile id would silently hide one another, so the console
 * refuses to start instead and names both.
 */
final class Contributions {

    private Contributions() {}

    /** Fails with the colliding keys if any two contributions share a key. */
    static <T> void requireUnique(String what, Collection<T> contributions, Function<T, String> key) {
        Set<String> seen = new HashSet<>();
        List<String> duplicates = contributions.stream()
                .map(key)
                .filter(k -> !seen.add(k))
                .distinct()
                .toList();
        if (!duplicates.isEmpty()) {
            throw new IllegalStateException(
                    "Two console contributions claim the same " + what + ": " + String.join(", ", duplicates));
        }
    }
}
