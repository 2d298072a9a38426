package io.tenantra.compliance.evaluation;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The finite set of keys an anchored {@code key_matches} pattern can match, when it is only
 * literals, groups of alternatives and optional parts: {@code ^(vsftpd|proftpd)\.service$} is
 * exactly {vsftpd.service, proftpd.service}. Most key patterns in content are of this kind, and
 * checking each of an asset's units or files against a regular expression, for every such rule on
 * every asset of a fleet, was a tenth of judging; a set lookup answers the same. Anything else
 * (classes, repetition, unanchored) has no such set and is matched as a regular expression.
 */
final class KeyPatterns {

    /** Patterns expanding to more keys than this are matched as regular expressions. */
    static final int MAX_KEYS = 256;

    private static final String SPECIAL = ".[]{}()*+?^$|\\";
    private static final Map<String, Optional<Set<String>>> CACHE = new ConcurrentHashMap<>();

    private KeyPatterns() {}

    /** The keys {@code regex} matches with {@code find()}, or null when it is not a finite literal set. */
    static Set<String> literalKeys(String regex) {
        if (CACHE.size() > 10_000) {
            CACHE.clear();
        }
        return CACHE.computeIfAbsent(regex, r -> Optional.ofNullable(expand(r))).orElse(null);
    }

    /**
     * Whether {@code key} is in {@code keys} as {@code find()} of the pattern would say: {@code $}
     * also matches before a final line terminator, so such keys are left to the regular expression.
     */
    static boolean answersFor(String key) {
        if (key.isEmpty()) {
            return true;
        }
        char last = key.charAt(key.length() - 1);
        return last != '\n' && last != '\r' && last != '\u0085' && last != '\u2028' && last != '\u2029';
    }

    private static Set<String> expand(String regex) {
        if (regex.length() < 2
                || regex.charAt(0) != '^'
                || !regex.endsWith("$")
                || escapedAt(regex, regex.length() - 1)) {
            return null;
        }
        Parser parser = new Parser(regex.substring(1, regex.length() - 1));
        try {
            // One sequence, not alternatives: in ^a|b$ the anchors bind to a and b alone, so a
            // top-level | leaves the text unparsed and the pattern to the regular expression.
            List<String> keys = parser.sequence();
            if (parser.at != parser.text.length()) {
                return null;
            }
            return Set.copyOf(new LinkedHashSet<>(keys));
        } catch (NotLiteral e) {
            return null;
        }
    }

    /** Whether the character at {@code index} is escaped by an odd run of backslashes before it. */
    private static boolean escapedAt(String text, int index) {
        int backslashes = 0;
        for (int i = index - 1; i >= 0 && text.charAt(i) == '\\'; i--) {
            backslashes++;
        }
        return backslashes % 2 == 1;
    }

    private static final class NotLiteral extends RuntimeException {
        NotLiteral() {
            super(null, null, false, false);
        }
    }

    private static final class Parser {
        private final String text;
        private int at;

        Parser(String text) {
            this.text = text;
        }

        List<String> alternatives() {
            List<String> keys = new ArrayList<>(sequence());
            while (at < text.length() && text.charAt(at) == '|') {
                at++;
                keys.addAll(sequence());
                bounded(keys);
            }
            return keys;
        }

        List<String> sequence() {
            List<String> keys = new ArrayList<>(List.of(""));
            while (at < text.length() && text.charAt(at) != '|' && text.charAt(at) != ')') {
                List<String> atom = atom();
                if (at < text.length() && text.charAt(at) == '?') {
                    at++;
                    if (at < text.length() && (text.charAt(at) == '?' || text.charAt(at) == '+')) {
                        at++; // lazy or possessive: the same set of matches
                    }
                    atom = new ArrayList<>(atom);
                    atom.add("");
                }
                List<String> joined = new ArrayList<>(keys.size() * atom.size());
                for (String prefix : keys) {
                    for (String suffix : atom) {
                        joined.add(prefix + suffix);
                    }
                }
                keys = bounded(joined);
            }
            return keys;
        }

        private List<String> atom() {
            char c = text.charAt(at);
            if (c == '(') {
                at++;
                if (text.startsWith("?:", at)) {
                    at += 2;
                } else if (at < text.length() && text.charAt(at) == '?') {
                    throw new NotLiteral(); // look-around, named groups, flags
                }
                List<String> inner = alternatives();
                if (at >= text.length() || text.charAt(at) != ')') {
                    throw new NotLiteral();
                }
                at++;
                return inner;
            }
            if (c == '\\') {
                if (at + 1 >= text.length()) {
                    throw new NotLiteral();
                }
                char escaped = text.charAt(at + 1);
                // Only escaped punctuation is a literal; \d, \s, \Q and the like are not.
                if (Character.isLetterOrDigit(escaped) || escaped > 127) {
                    throw new NotLiteral();
                }
                at += 2;
                return List.of(String.valueOf(escaped));
            }
            if (SPECIAL.indexOf(c) >= 0) {
                throw new NotLiteral();
            }
            at++;
            return List.of(String.valueOf(c));
        }

        private static List<String> bounded(List<String> keys) {
            if (keys.size() > MAX_KEYS) {
                throw new NotLiteral();
            }
            return keys;
        }
    }
}
