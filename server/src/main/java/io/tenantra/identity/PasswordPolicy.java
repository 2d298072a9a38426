package io.tenantra.identity;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What makes a new password acceptable: long enough (but bounded, so hashing stays cheap), not a
 * well-known password (also with digits or symbols stuck around it), not one character repeated or
 * a simple run such as {@code 123456789012}, and not the account's own username or e-mail
 * address. Follows NIST SP 800-63B: length and a block list, no composition rules.
 *
 * <p>Plain Java, no framework: {@link PasswordRules} supplies the configured and per-tenant
 * minimum length and the bundled list.
 */
public final class PasswordPolicy {

    public static final int DEFAULT_MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 1024;
    /** Below this, a configured or tenant minimum is ignored: it would only make things weaker. */
    public static final int LOWEST_ALLOWED_MIN_LENGTH = 8;

    // A username this short is contained in too many good passwords to be worth refusing them.
    private static final int SHORTEST_USERNAME_CHECKED_FOR_CONTAINMENT = 3;

    private final int minLength;
    private final Set<String> common;

    /**
     * @param minLength the minimum length in characters (code points); clamped to
     *     [{@value #LOWEST_ALLOWED_MIN_LENGTH}, {@value #MAX_LENGTH}]
     * @param commonPasswords well-known passwords, in any case
     */
    public PasswordPolicy(int minLength, Set<String> commonPasswords) {
        this.minLength = Math.min(MAX_LENGTH, Math.max(LOWEST_ALLOWED_MIN_LENGTH, minLength));
        Set<String> lowered = new HashSet<>();
        commonPasswords.forEach(p -> lowered.add(p.toLowerCase(Locale.ROOT)));
        this.common = Set.copyOf(lowered);
    }

    public int minLength() {
        return minLength;
    }

    /** The same list with a higher minimum; a lower one is ignored (tenants can only tighten). */
    public PasswordPolicy withMinLengthAtLeast(int tenantMinimum) {
        return tenantMinimum <= minLength ? this : new PasswordPolicy(tenantMinimum, common);
    }

    /**
     * Every reason {@code password} is refused, worded for the person choosing it; empty when it is
     * acceptable. {@code username} and {@code email} may be null (not known yet).
     */
    public List<String> violations(String password, String username, String email) {
        List<String> problems = new ArrayList<>();
        if (password == null || password.isEmpty()) {
            problems.add("must not be empty");
            return problems;
        }
        int length = password.codePointCount(0, password.length());
        if (length < minLength) {
            problems.add("must be at least " + minLength + " characters long (it has " + length + ")");
        }
        if (length > MAX_LENGTH) {
            problems.add("must be at most " + MAX_LENGTH + " characters long");
            return problems; // nothing else is worth computing on a megabyte of text
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (isCommon(lower)) {
            problems.add("is too common: it is among the passwords attackers try first");
        } else if (password.codePoints().distinct().count() == 1) {
            problems.add("must not be a single character repeated");
        } else if (isSimpleRun(lower)) {
            problems.add("must not be a simple sequence of characters such as 123456 or abcdef");
        }
        if (username != null && !username.isBlank()) {
            String name = username.toLowerCase(Locale.ROOT);
            if (lower.equals(name)) {
                problems.add("must not be the same as the username");
            } else if (name.length() >= SHORTEST_USERNAME_CHECKED_FOR_CONTAINMENT && lower.contains(name)) {
                problems.add("must not contain the username");
            }
        }
        if (email != null && !email.isBlank() && lower.contains(email.toLowerCase(Locale.ROOT))) {
            problems.add(
                    lower.equals(email.toLowerCase(Locale.ROOT))
                            ? "must not be the same as the e-mail address"
                            : "must not contain the e-mail address");
        }
        return problems;
    }

    /** In the list as typed, or once the digits and symbols around a listed word are removed. */
    private boolean isCommon(String lower) {
        if (common.contains(lower)) {
            return true;
        }
        String core = stripNonLetters(lower);
        return !core.isEmpty() && !core.equals(lower) && common.contains(core);
    }

    private static String stripNonLetters(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && !Character.isLetter(s.charAt(start))) {
            start++;
        }
        while (end > start && !Character.isLetter(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    /** Each character one up (or each one down) from the previous: 123456789, abcdefgh, 9876543210. */
    private static boolean isSimpleRun(String lower) {
        int[] cps = lower.codePoints().toArray();
        if (cps.length < 3) {
            return false;
        }
        boolean up = true;
        boolean down = true;
        for (int i = 1; i < cps.length; i++) {
            up &= step(cps[i - 1], cps[i], 1);
            down &= step(cps[i - 1], cps[i], -1);
        }
        return up || down;
    }

    // Digits wrap around (…8901…), as people type them on a keyboard row.
    private static boolean step(int previous, int next, int direction) {
        if (Character.isDigit(previous) && Character.isDigit(next)) {
            return Math.floorMod(next - previous, 10) == Math.floorMod(direction, 10);
        }
        return next - previous == direction;
    }

    /** Reads a list with one password per line; blank lines and lines starting with # are skipped. */
    public static Set<String> readList(InputStream in) {
        Set<String> result = new HashSet<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String trimmed = line.strip();
                if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                    result.add(trimmed);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the common-password list", e);
        }
        return result;
    }
}
