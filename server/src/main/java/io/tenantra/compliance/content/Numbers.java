package io.tenantra.compliance.content;

/**
 * Numbers as content writes them: a whole number becomes a {@code Long}, anything else with a
 * decimal point or exponent a {@code Double}; other text is not a number. One place, so the
 * parser and the writer agree on what round-trips.
 */
final class Numbers {

    private Numbers() {}

    /** The number {@code text} spells, or null when it spells none (hex, infinities and NaN included). */
    static Number parse(String text) {
        String plain = text.trim().replace("_", "");
        if (plain.isEmpty() || !plain.matches("[-+]?[0-9.]+([eE][-+]?[0-9]+)?")) {
            return null;
        }
        try {
            return Long.parseLong(plain);
        } catch (NumberFormatException notWhole) {
            try {
                double value = Double.parseDouble(plain);
                return Double.isFinite(value) ? value : null;
            } catch (NumberFormatException notNumber) {
                return null;
            }
        }
    }
}
