package io.tenantra.compliance.content.wazuh;

import java.util.regex.Pattern;

/**
 * Which Wazuh semantics a rule is read with. The two policy forms were written for two engines
 * that read the same rule text differently, so the importer keeps the meaning the author tested:
 *
 * <ul>
 *   <li>{@link #V4_OS_REGEX}: a 4.x-form policy without {@code regex_type} (the 4.x default):
 *       OS_Regex, case-insensitive; literal content compares case-insensitively; every content
 *       pattern is split on {@code &&}; a line must satisfy every part.
 *   <li>{@link #V4_PCRE2}: a 4.x-form policy or check with {@code regex_type: pcre2}: PCRE2
 *       compiled with no options (case-sensitive); otherwise as above.
 *   <li>{@link #V5_PCRE2}: a 5.x-form policy: PCRE2 compiled caseless; a pattern is split on
 *       {@code &&} only when it starts with {@code r:}, {@code !r:}, {@code n:} or {@code !n:}
 *       (otherwise it is one literal line); a pattern made of a single negated part means "no line
 *       matches"; literal lines compare exactly.
 * </ul>
 */
enum Dialect {
    V4_OS_REGEX,
    V4_PCRE2,
    V5_PCRE2;

    boolean fiveX() {
        return this == V5_PCRE2;
    }

    /** The Java regular expression for a Wazuh {@code r:} pattern in this dialect. */
    String regex(String wazuhPattern) {
        return switch (this) {
            case V4_OS_REGEX -> "(?i)" + OsRegex.toJava(wazuhPattern);
            case V4_PCRE2 -> Pcre2Regex.toJava(wazuhPattern, false);
            case V5_PCRE2 -> "(?i)" + Pcre2Regex.toJava(wazuhPattern, true);
        };
    }

    /** A regular expression that holds when a whole line equals {@code text}, ignoring case. */
    static String caseInsensitiveLine(String text) {
        return "(?i)^" + Pattern.quote(text) + "$";
    }
}
