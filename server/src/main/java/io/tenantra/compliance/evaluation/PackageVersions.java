package io.tenantra.compliance.evaluation;

import java.util.Locale;

/**
 * Package version ordering as the package managers themselves define it, so that "older than the
 * fixed version" means what {@code dpkg --compare-versions} or {@code rpm} would say.
 *
 * <p>dpkg: {@code [epoch:]upstream[-revision]}; the epoch compares as a number, then upstream and
 * revision by alternating runs of non-digits (letters sort before other characters, {@code ~}
 * before everything, even the end) and digits (as numbers). rpm: {@code [epoch:]version[-release]}
 * with rpmvercmp on each part: separators only split, digit runs beat letter runs, {@code ~} sorts
 * before and {@code ^} after the end; a release is compared only when both sides have one.
 */
public final class PackageVersions {

    private PackageVersions() {}

    /** Whether {@code manager} (an item's {@code manager} attribute) has an ordering here. */
    public static boolean supports(String manager) {
        return manager != null
                && switch (manager.toLowerCase(Locale.ROOT)) {
                    case "dpkg", "rpm" -> true;
                    default -> false;
                };
    }

    /**
     * Negative, zero or positive as {@code a} is older than, equal to or newer than {@code b}.
     *
     * @throws IllegalArgumentException for a manager without an ordering here
     */
    public static int compare(String manager, String a, String b) {
        return switch (manager == null ? "" : manager.toLowerCase(Locale.ROOT)) {
            case "dpkg" -> dpkg(a, b);
            case "rpm" -> rpm(a, b);
            default -> throw new IllegalArgumentException("no version ordering for package manager '" + manager + "'");
        };
    }

    /** dpkg's ordering of two full versions. */
    public static int dpkg(String a, String b) {
        Evr left = Evr.split(a.trim(), true);
        Evr right = Evr.split(b.trim(), true);
        int order = Long.compare(left.epoch, right.epoch);
        if (order == 0) {
            order = dpkgPart(left.version, right.version);
        }
        if (order == 0) {
            order = dpkgPart(left.release, right.release);
        }
        return Integer.signum(order);
    }

    /** rpm's ordering of two {@code [epoch:]version[-release]} strings. */
    public static int rpm(String a, String b) {
        Evr left = Evr.split(a.trim(), false);
        Evr right = Evr.split(b.trim(), false);
        int order = Long.compare(left.epoch, right.epoch);
        if (order == 0) {
            order = rpmvercmp(left.version, right.version);
        }
        if (order == 0 && !left.release.isEmpty() && !right.release.isEmpty()) {
            order = rpmvercmp(left.release, right.release);
        }
        return Integer.signum(order);
    }

    /** Epoch, version and release (revision); a missing or malformed epoch counts as 0. */
    private record Evr(long epoch, String version, String release) {

        static Evr split(String full, boolean dpkg) {
            long epoch = 0;
            String rest = full;
            int colon = full.indexOf(':');
            if (colon > 0 && full.substring(0, colon).chars().allMatch(Character::isDigit)) {
                String digits = full.substring(0, colon);
                epoch = digits.length() > 18 ? Long.MAX_VALUE : Long.parseLong(digits);
                rest = full.substring(colon + 1);
            }
            int dash = rest.lastIndexOf('-');
            if (dash < 0) {
                return new Evr(epoch, rest, "");
            }
            return new Evr(epoch, rest.substring(0, dash), rest.substring(dash + 1));
        }
    }

    /** dpkg's verrevcmp: compare the non-digit prefixes by {@link #order}, then the digit runs as numbers. */
    private static int dpkgPart(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() || j < b.length()) {
            int firstDiff = 0;
            while ((i < a.length() && !isDigit(a.charAt(i))) || (j < b.length() && !isDigit(b.charAt(j)))) {
                int ac = order(i < a.length() ? a.charAt(i) : 0);
                int bc = order(j < b.length() ? b.charAt(j) : 0);
                if (ac != bc) {
                    return ac - bc;
                }
                i++;
                j++;
            }
            while (i < a.length() && a.charAt(i) == '0') {
                i++;
            }
            while (j < b.length() && b.charAt(j) == '0') {
                j++;
            }
            while (i < a.length() && isDigit(a.charAt(i)) && j < b.length() && isDigit(b.charAt(j))) {
                if (firstDiff == 0) {
                    firstDiff = a.charAt(i) - b.charAt(j);
                }
                i++;
                j++;
            }
            if (i < a.length() && isDigit(a.charAt(i))) {
                return 1;
            }
            if (j < b.length() && isDigit(b.charAt(j))) {
                return -1;
            }
            if (firstDiff != 0) {
                return firstDiff;
            }
        }
        return 0;
    }

    /** dpkg's character weight: the end and digits 0, {@code ~} below everything, letters before the rest. */
    private static int order(int c) {
        if (c == 0 || isDigit(c)) {
            return 0;
        }
        if (isAlpha(c)) {
            return c;
        }
        if (c == '~') {
            return -1;
        }
        return c + 256;
    }

    /** rpm's rpmvercmp over one part (version or release). */
    static int rpmvercmp(String a, String b) {
        if (a.equals(b)) {
            return 0;
        }
        int i = 0;
        int j = 0;
        while (i < a.length() || j < b.length()) {
            while (i < a.length() && !isAlnum(a.charAt(i)) && a.charAt(i) != '~' && a.charAt(i) != '^') {
                i++;
            }
            while (j < b.length() && !isAlnum(b.charAt(j)) && b.charAt(j) != '~' && b.charAt(j) != '^') {
                j++;
            }
            char ca = i < a.length() ? a.charAt(i) : 0;
            char cb = j < b.length() ? b.charAt(j) : 0;
            if (ca == '~' || cb == '~') {
                if (ca != '~') {
                    return 1;
                }
                if (cb != '~') {
                    return -1;
                }
                i++;
                j++;
                continue;
            }
            if (ca == '^' || cb == '^') {
                if (i >= a.length()) {
                    return -1;
                }
                if (j >= b.length()) {
                    return 1;
                }
                if (ca != '^') {
                    return 1;
                }
                if (cb != '^') {
                    return -1;
                }
                i++;
                j++;
                continue;
            }
            if (i >= a.length() || j >= b.length()) {
                break;
            }
            int startA = i;
            int startB = j;
            boolean numeric = isDigit(a.charAt(i));
            if (numeric) {
                while (i < a.length() && isDigit(a.charAt(i))) {
                    i++;
                }
                while (j < b.length() && isDigit(b.charAt(j))) {
                    j++;
                }
            } else {
                while (i < a.length() && isAlpha(a.charAt(i))) {
                    i++;
                }
                while (j < b.length() && isAlpha(b.charAt(j))) {
                    j++;
                }
            }
            if (j == startB) {
                // Segments of different kinds: a number is newer than letters.
                return numeric ? 1 : -1;
            }
            String segA = a.substring(startA, i);
            String segB = b.substring(startB, j);
            if (numeric) {
                segA = stripZeros(segA);
                segB = stripZeros(segB);
                if (segA.length() != segB.length()) {
                    return segA.length() > segB.length() ? 1 : -1;
                }
            }
            int order = segA.compareTo(segB);
            if (order != 0) {
                return order < 0 ? -1 : 1;
            }
        }
        if (i >= a.length() && j >= b.length()) {
            return 0;
        }
        return i >= a.length() ? -1 : 1;
    }

    private static String stripZeros(String digits) {
        int k = 0;
        while (k < digits.length() - 1 && digits.charAt(k) == '0') {
            k++;
        }
        return digits.substring(k);
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAlpha(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isAlnum(int c) {
        return isDigit(c) || isAlpha(c);
    }
}
