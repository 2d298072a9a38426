package io.tenantra.platform.text;

import java.text.Normalizer;

/**
 * The one rule for text that enters the server, applied by type (every JSON string, every map key,
 * every request parameter) rather than field by field. Text is refused when it holds:
 *
 * <ul>
 *   <li>a control character (Unicode category Cc: U+0000 to U+001F, U+007F to U+009F). NUL would
 *       reach PostgreSQL, which cannot store it; escape sequences and line breaks would forge log
 *       lines and terminal output. Only where {@link Mode#MULTILINE} is chosen (console forms,
 *       whose text areas send line breaks) are TAB, LF and CR allowed;
 *   <li>a lone surrogate (half of a UTF-16 pair): it cannot be encoded as UTF-8, so it would be
 *       stored, echoed and audited as three different values;
 *   <li>a non-character (U+FDD0 to U+FDEF, and the last two code points of every plane), which
 *       Unicode reserves for a program's internal use and never for interchange.
 * </ul>
 *
 * Accepted text is normalised to NFC, so a name typed with a combining accent and one typed with
 * the precomposed letter are the same name when they are compared. Lengths of text are counted in
 * code points ({@link #length}), so an emoji counts as one character, as a person would count it.
 */
public final class TextRules {

    /** Whether line breaks and tabs are allowed. */
    public enum Mode {
        SINGLE_LINE,
        MULTILINE
    }

    private TextRules() {}

    /**
     * Why {@code value} is refused, as a message for the caller ("must not contain …"), or {@code
     * null} when it is acceptable.
     */
    public static String violation(CharSequence value, Mode mode) {
        if (value == null) {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    int codePoint = Character.toCodePoint(c, value.charAt(++i));
                    if (isNonCharacter(codePoint)) {
                        return "must not contain Unicode non-characters";
                    }
                    continue;
                }
                return "must not contain unpaired UTF-16 surrogates";
            }
            if (Character.isLowSurrogate(c)) {
                return "must not contain unpaired UTF-16 surrogates";
            }
            if (c == 0) {
                return "must not contain NUL characters";
            }
            if (Character.getType(c) == Character.CONTROL && !(mode == Mode.MULTILINE && isLineSpace(c))) {
                return "must not contain control characters";
            }
            if (isNonCharacter(c)) {
                return "must not contain Unicode non-characters";
            }
        }
        return null;
    }

    /** {@code value} in Unicode normalisation form C; {@code null} stays {@code null}. */
    public static String normalise(String value) {
        if (value == null || Normalizer.isNormalized(value, Normalizer.Form.NFC)) {
            return value;
        }
        return Normalizer.normalize(value, Normalizer.Form.NFC);
    }

    /** The length of {@code value} in code points, the unit every length limit is stated in. */
    public static int length(CharSequence value) {
        return Character.codePointCount(value, 0, value.length());
    }

    private static boolean isLineSpace(char c) {
        return c == '\t' || c == '\n' || c == '\r';
    }

    private static boolean isNonCharacter(int codePoint) {
        return (codePoint >= 0xFDD0 && codePoint <= 0xFDEF) || (codePoint & 0xFFFE) == 0xFFFE;
    }
}
