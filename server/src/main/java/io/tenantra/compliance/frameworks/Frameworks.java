package io.tenantra.compliance.frameworks;

import io.tenantra.compliance.content.Check;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * Frameworks without a catalog. Imported policies map to frameworks we ship no catalog for
 * (NIS2, GDPR, SOC 2 TSC, CMMC, CIS benchmarks); rather than drop those mappings, such a
 * framework is derived from them: one control per mapped control id, titled by its id, weight 1,
 * family {@value #DERIVED_FAMILY}, none manual. Its coverage is then 100% by construction and
 * says nothing about what is missing; its scores are as meaningful as for any catalog.
 */
public final class Frameworks {

    public static final String DERIVED_FAMILY = "(from mappings)";

    /** Orders control ids as people read them: {@code AC-2 < AC-2(1) < AC-10}, {@code 1.2.9 < 1.2.10}. */
    public static final Comparator<String> CONTROL_ID_ORDER = Frameworks::compareNatural;

    private Frameworks() {}

    /** The framework {@code frameworkId} as the checks' mappings describe it (no controls when none map to it). */
    public static Framework derived(String frameworkId, Collection<Check> checks) {
        TreeSet<String> ids = new TreeSet<>(CONTROL_ID_ORDER);
        for (Check check : checks) {
            ids.addAll(Mappings.controlsOf(check, frameworkId));
        }
        List<Control> controls = new ArrayList<>(ids.size());
        for (String id : ids) {
            controls.add(new Control(id, id, DERIVED_FAMILY, 1, false));
        }
        return new Framework(frameworkId, "", frameworkId, "", controls);
    }

    /** Whether the framework was derived from mappings rather than read from a catalog. */
    public static boolean isDerived(Framework framework) {
        return framework.controls().stream().allMatch(c -> DERIVED_FAMILY.equals(c.family()))
                && (framework.version() == null || framework.version().isEmpty());
    }

    /** Every framework id the checks map to, sorted. */
    public static List<String> mappedFrameworkIds(Collection<Check> checks) {
        TreeSet<String> ids = new TreeSet<>();
        for (Check check : checks) {
            ids.addAll(check.frameworks().keySet());
        }
        return List.copyOf(ids);
    }

    /** Compares runs of digits by value and everything else by character; ties broken by the plain text. */
    static int compareNatural(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char ca = a.charAt(i);
            char cb = b.charAt(j);
            if (Character.isDigit(ca) && Character.isDigit(cb)) {
                int endA = digitsEnd(a, i);
                int endB = digitsEnd(b, j);
                String da = stripZeros(a.substring(i, endA));
                String db = stripZeros(b.substring(j, endB));
                int byLength = Integer.compare(da.length(), db.length());
                if (byLength != 0) {
                    return byLength;
                }
                int byDigits = da.compareTo(db);
                if (byDigits != 0) {
                    return byDigits;
                }
                i = endA;
                j = endB;
            } else {
                if (ca != cb) {
                    return Character.compare(ca, cb);
                }
                i++;
                j++;
            }
        }
        int byRest = Integer.compare(a.length() - i, b.length() - j);
        return byRest != 0 ? byRest : a.compareTo(b);
    }

    private static int digitsEnd(String s, int from) {
        int end = from;
        while (end < s.length() && Character.isDigit(s.charAt(end))) {
            end++;
        }
        return end;
    }

    private static String stripZeros(String digits) {
        int k = 0;
        while (k < digits.length() - 1 && digits.charAt(k) == '0') {
            k++;
        }
        return digits.substring(k);
    }
}
