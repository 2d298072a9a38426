package io.tenantra.compliance.content.wazuh;

/**
 * Translates OS_Regex, the default regular-expression dialect of Wazuh 4.x SCA rules, into a Java
 * regular expression with the same meaning. OS_Regex is not PCRE: {@code .} is a literal dot and
 * {@code \.} is any character, {@code \w} also matches {@code -} and {@code @}, {@code \s} is only
 * the space, {@code \p} is punctuation, {@code +} and {@code *} are quantifiers only right after a
 * backslash escape, {@code ^} and {@code $} are anchors only at the ends of an alternative, and
 * {@code (} {@code )} capture at one level only. Anything the dialect rejects (an unknown escape,
 * nested or unbalanced parentheses, {@code |} inside parentheses) fails to compile in Wazuh, where
 * the rule then silently never matches; here it makes the rule unsupported instead. The table is
 * in docs/compliance.md ("Wazuh SCA import").
 *
 * <p>OS_Regex compares case-insensitively (SCA compiles it without {@code OS_CASE_SENSITIVE}); the
 * caller adds {@code (?i)}.
 */
final class OsRegex {

    /** {@code \w} of OS_Regex: letters, digits, {@code _}, {@code -} and {@code @}. */
    private static final String WORD = "-0-9@A-Z_a-z";

    /** {@code \p} of OS_Regex: the characters {@code !"#$%&'()*+,-.:;<=>?[]{|}}. */
    private static final String PUNCTUATION = "!\"#$%\\&'()*+,\\-.:;<=>?\\[\\]{|}";

    private OsRegex() {}

    static String toJava(String pattern) {
        StringBuilder out = new StringBuilder();
        int depth = 0;
        String[] alternatives = splitAlternatives(pattern);
        for (int a = 0; a < alternatives.length; a++) {
            if (a > 0) {
                out.append('|');
            }
            String alternative = alternatives[a];
            int start = 0;
            int end = alternative.length();
            if (alternative.startsWith("^")) {
                out.append('^');
                start = 1;
            }
            boolean anchoredEnd = end > start && alternative.charAt(end - 1) == '$' && !escaped(alternative, end - 1);
            if (anchoredEnd) {
                end--;
            }
            for (int i = start; i < end; i++) {
                char c = alternative.charAt(i);
                if (c == '\\') {
                    if (i + 1 >= end) {
                        throw new UnsupportedRule("OS_Regex pattern ends with a lone backslash: " + pattern);
                    }
                    out.append(escape(alternative.charAt(++i), pattern));
                    if (i + 1 < end && (alternative.charAt(i + 1) == '+' || alternative.charAt(i + 1) == '*')) {
                        out.append(alternative.charAt(++i));
                    }
                } else if (c == '(') {
                    if (++depth > 1) {
                        throw new UnsupportedRule("OS_Regex allows one level of parentheses only: " + pattern);
                    }
                    out.append('(');
                } else if (c == ')') {
                    if (--depth < 0) {
                        throw new UnsupportedRule("OS_Regex pattern has an unbalanced ')': " + pattern);
                    }
                    out.append(')');
                } else {
                    out.append(literal(c));
                }
            }
            if (depth != 0) {
                throw new UnsupportedRule(
                        "OS_Regex pattern has an unclosed '(' or a '|' inside parentheses: " + pattern);
            }
            if (anchoredEnd) {
                out.append('$');
            }
        }
        return out.toString();
    }

    /** Splits on unescaped {@code |}, the alternation of OS_Regex (top level only). */
    private static String[] splitAlternatives(String pattern) {
        java.util.List<String> parts = new java.util.ArrayList<>();
        int from = 0;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '|') {
                parts.add(pattern.substring(from, i));
                from = i + 1;
            }
        }
        parts.add(pattern.substring(from));
        return parts.toArray(String[]::new);
    }

    private static boolean escaped(String text, int index) {
        int backslashes = 0;
        for (int i = index - 1; i >= 0 && text.charAt(i) == '\\'; i--) {
            backslashes++;
        }
        return backslashes % 2 == 1;
    }

    private static String escape(char c, String pattern) {
        return switch (c) {
            case 'd' -> "[0-9]";
            case 'D' -> "[^0-9]";
            case 'w' -> "[" + WORD + "]";
            case 'W' -> "[^" + WORD + "]";
            case 's' -> " ";
            case 'S' -> "[^ ]";
            case 'p' -> "[" + PUNCTUATION + "]";
            case 't' -> "\\t";
            case '.' -> "(?s:.)";
            case '(', ')', '\\', '$', '|' -> "\\" + c;
            case '<' -> "<";
            default -> throw new UnsupportedRule("OS_Regex has no escape \\" + c + ": " + pattern);
        };
    }

    /** Everything else is a literal character in OS_Regex, including {@code . + * ? [ ] { }}. */
    private static String literal(char c) {
        return "\\.[]{}?*+^$".indexOf(c) >= 0 ? "\\" + c : String.valueOf(c);
    }
}
