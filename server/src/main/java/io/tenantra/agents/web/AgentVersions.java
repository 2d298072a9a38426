package io.tenantra.agents.web;

import java.util.Comparator;
import java.util.Map;
import java.util.Optional;

/**
 * The order of agent versions ({@code 1.10.0} after {@code 1.9.2}): dot- or dash-separated parts,
 * numeric parts compared as numbers, others as text, a missing part before any part. The server
 * ships no agent version of its own, so "outdated" means older than the newest version any agent
 * of the same tenants reports.
 */
final class AgentVersions {

    static final Comparator<String> ORDER = AgentVersions::compare;

    private AgentVersions() {}

    static int compare(String a, String b) {
        String[] left = a.split("[.\\-+]");
        String[] right = b.split("[.\\-+]");
        for (int i = 0; i < Math.max(left.length, right.length); i++) {
            if (i >= left.length) {
                return -1;
            }
            if (i >= right.length) {
                return 1;
            }
            int c = part(left[i], right[i]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static int part(String a, String b) {
        boolean numeric = a.matches("\\d{1,18}") && b.matches("\\d{1,18}");
        return numeric ? Long.compare(Long.parseLong(a), Long.parseLong(b)) : a.compareTo(b);
    }

    /** The newest version among those counted; agents that reported none are ignored. */
    static Optional<String> newest(Map<String, Long> byVersion) {
        return byVersion.keySet().stream().filter(v -> !v.isBlank()).max(ORDER);
    }

    /** How many counted agents run a version older than {@code newest} (or none at all). */
    static long outdated(Map<String, Long> byVersion, String newest) {
        return byVersion.entrySet().stream()
                .filter(e -> e.getKey().isBlank() || compare(e.getKey(), newest) < 0)
                .mapToLong(Map.Entry::getValue)
                .sum();
    }
}
