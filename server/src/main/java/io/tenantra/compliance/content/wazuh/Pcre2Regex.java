package io.tenantra.compliance.content.wazuh;

import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Translates a PCRE2 pattern (Wazuh 5.x SCA, or 4.x with {@code regex_type: pcre2}) into a Java
 * regular expression with the same meaning. Java's syntax is PCRE-like, so most of a pattern is
 * copied; what differs is rewritten: POSIX classes ({@code [[:digit:]]}), a {@code [} or {@code &}
 * inside a class (Java reads them as union and intersection), a {@code ]} first in a class, a
 * {@code {} that is not a quantifier, {@code (?P<name>} and {@code \b} inside a class. Constructs
 * Java has no equivalent for (recursion, conditionals, branch reset, {@code \K}, backtracking
 * verbs, callouts, {@code \g}, octal {@code \0}…) make the rule unsupported rather than guessed.
 * The result is compiled once here so that nothing untested reaches an agent.
 */
final class Pcre2Regex {

    private static final Map<String, String> POSIX_CLASSES = Map.ofEntries(
            Map.entry("alpha", "Alpha"),
            Map.entry("digit", "Digit"),
            Map.entry("alnum", "Alnum"),
            Map.entry("upper", "Upper"),
            Map.entry("lower", "Lower"),
            Map.entry("space", "Space"),
            Map.entry("blank", "Blank"),
            Map.entry("punct", "Punct"),
            Map.entry("xdigit", "XDigit"),
            Map.entry("cntrl", "Cntrl"),
            Map.entry("print", "Print"),
            Map.entry("graph", "Graph"));

    /** Letter escapes that mean the same in PCRE2 and Java outside a class. */
    private static final String SAME_ESCAPES = "dDwWsShHvVbBAzZGRtnrfeaX";

    private Pcre2Regex() {}

    /**
     * @param caseless PCRE2 compiled with {@code PCRE2_CASELESS} (Wazuh 5.x): {@code [:upper:]} and
     *     {@code [:lower:]} then match every letter, as in PCRE2
     */
    static String toJava(String pattern, boolean caseless) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                i = escape(pattern, i, out);
            } else if (c == '[') {
                i = characterClass(pattern, i, caseless, out);
            } else if (c == '(') {
                i = group(pattern, i, out);
            } else if (c == '{') {
                int close = pattern.indexOf('}', i);
                boolean quantifier =
                        close > 0 && i > 0 && pattern.substring(i, close + 1).matches("\\{\\d+(,\\d*)?}");
                out.append(quantifier ? pattern.substring(i, close + 1) : "\\{");
                i = quantifier ? close + 1 : i + 1;
            } else if (c == '}') {
                out.append("\\}");
                i++;
            } else {
                out.append(c);
                i++;
            }
        }
        String java = out.toString();
        try {
            Pattern.compile(java);
        } catch (PatternSyntaxException e) {
            throw new UnsupportedRule(
                    "the regular expression does not compile: " + e.getDescription() + ": " + pattern);
        }
        return java;
    }

    private static int escape(String pattern, int at, StringBuilder out) {
        if (at + 1 >= pattern.length()) {
            throw new UnsupportedRule("the regular expression ends with a lone backslash: " + pattern);
        }
        char next = pattern.charAt(at + 1);
        if (next == 'Q') {
            int end = pattern.indexOf("\\E", at + 2);
            int stop = end < 0 ? pattern.length() : end + 2;
            out.append(Pattern.quote(pattern.substring(at + 2, end < 0 ? pattern.length() : end)));
            return stop;
        }
        if (next == 'x') {
            String rest = pattern.substring(at);
            java.util.regex.Matcher hex = Pattern.compile("^\\\\x(\\{[0-9A-Fa-f]{1,6}}|[0-9A-Fa-f]{1,2})")
                    .matcher(rest);
            if (!hex.find()) {
                throw new UnsupportedRule("\\x needs hexadecimal digits: " + pattern);
            }
            String digits = hex.group(1).replace("{", "").replace("}", "");
            out.append("\\x{").append(digits).append('}');
            return at + hex.end();
        }
        if (next == 'c' && at + 2 < pattern.length()) {
            out.append("\\c").append(pattern.charAt(at + 2));
            return at + 3;
        }
        if (next >= '1' && next <= '9') {
            if (at + 2 < pattern.length() && Character.isDigit(pattern.charAt(at + 2))) {
                throw new UnsupportedRule(
                        "multi-digit back references and octal escapes are not supported: " + pattern);
            }
            out.append('\\').append(next);
            return at + 2;
        }
        if (next == 'p' || next == 'P') {
            java.util.regex.Matcher property =
                    Pattern.compile("^\\\\[pP](\\{\\^?[A-Z][a-z&]?}|[A-Z])").matcher(pattern.substring(at));
            if (!property.find()) {
                throw new UnsupportedRule(
                        "only general-category properties (\\p{L}, \\p{Lu}…) are supported: " + pattern);
            }
            String body = property.group(1);
            boolean negated = body.startsWith("{^");
            char kind = negated ^ next == 'P' ? 'P' : 'p';
            out.append('\\').append(kind).append(body.replace("^", ""));
            return at + property.end();
        }
        if (Character.isLetterOrDigit(next)) {
            if (SAME_ESCAPES.indexOf(next) < 0) {
                throw new UnsupportedRule("the escape \\" + next + " has no Java equivalent: " + pattern);
            }
            out.append('\\').append(next);
            return at + 2;
        }
        // An escaped non-alphanumeric character is that character in both dialects.
        out.append('\\').append(next);
        return at + 2;
    }

    private static int group(String pattern, int at, StringBuilder out) {
        String rest = pattern.substring(at);
        if (rest.startsWith("(*")) {
            throw new UnsupportedRule("backtracking verbs and option settings (*…) are not supported: " + pattern);
        }
        if (!rest.startsWith("(?")) {
            out.append('(');
            return at + 1;
        }
        if (rest.startsWith("(?#")) {
            int close = pattern.indexOf(')', at);
            if (close < 0) {
                throw new UnsupportedRule("unclosed comment group: " + pattern);
            }
            return close + 1;
        }
        if (rest.startsWith("(?P<")) {
            out.append("(?<");
            return at + 4;
        }
        for (String same : new String[] {"(?:", "(?=", "(?!", "(?<=", "(?<!", "(?>"}) {
            if (rest.startsWith(same)) {
                out.append(same);
                return at + same.length();
            }
        }
        java.util.regex.Matcher named =
                Pattern.compile("^\\(\\?<[A-Za-z][A-Za-z0-9]*>").matcher(rest);
        if (named.find()) {
            out.append(named.group());
            return at + named.end();
        }
        java.util.regex.Matcher flags =
                Pattern.compile("^\\(\\?[imsx]*(-[imsx]+)?[:)]").matcher(rest);
        if (flags.find() && flags.end() > 3) {
            out.append(flags.group());
            return at + flags.end();
        }
        throw new UnsupportedRule("the group construct " + rest.substring(0, Math.min(4, rest.length()))
                + "… (recursion, conditional, branch reset or PCRE-only option) is not supported: " + pattern);
    }

    private static int characterClass(String pattern, int at, boolean caseless, StringBuilder out) {
        int i = at + 1;
        out.append('[');
        if (i < pattern.length() && pattern.charAt(i) == '^') {
            out.append('^');
            i++;
        }
        if (i < pattern.length() && pattern.charAt(i) == ']') {
            out.append("\\]");
            i++;
        }
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (c == ']') {
                out.append(']');
                return i + 1;
            }
            if (c == '[' && pattern.startsWith("[:", i)) {
                int close = pattern.indexOf(":]", i + 2);
                if (close < 0) {
                    throw new UnsupportedRule("unclosed POSIX class: " + pattern);
                }
                String name = pattern.substring(i + 2, close);
                boolean negated = name.startsWith("^");
                name = negated ? name.substring(1) : name;
                if (caseless && (name.equals("upper") || name.equals("lower"))) {
                    name = "alpha";
                }
                String java = POSIX_CLASSES.get(name);
                if (java == null) {
                    throw new UnsupportedRule("unknown POSIX class [:" + name + ":]: " + pattern);
                }
                out.append(negated ? "\\P{" : "\\p{").append(java).append('}');
                i = close + 2;
            } else if (c == '[' || c == '&') {
                out.append('\\').append(c);
                i++;
            } else if (c == '\\') {
                if (i + 1 >= pattern.length()) {
                    break;
                }
                char next = pattern.charAt(i + 1);
                if (next == 'b') {
                    out.append("\\x{8}");
                    i += 2;
                } else if (next == 'Q' || next == 'E') {
                    throw new UnsupportedRule("\\Q…\\E inside a character class is not supported: " + pattern);
                } else if (Character.isLetterOrDigit(next) && "dDwWsShHvVtnrfeax".indexOf(next) < 0) {
                    throw new UnsupportedRule(
                            "the escape \\" + next + " inside a class has no Java equivalent: " + pattern);
                } else {
                    out.append('\\').append(next);
                    i += 2;
                }
            } else {
                out.append(c);
                i++;
            }
        }
        throw new UnsupportedRule("unclosed character class: " + pattern);
    }
}
