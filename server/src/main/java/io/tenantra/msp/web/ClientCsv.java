package io.tenantra.msp.web;

/**
 * Cells of the roll-up's CSV export: quoted when they hold a separator, a quote or a line break,
 * and prefixed with an apostrophe when they start like a spreadsheet formula, so a customer named
 * {@code =HYPERLINK(...)} stays text when an operator opens the file.
 */
final class ClientCsv {

    private ClientCsv() {}

    static String cell(String value) {
        if (value == null) {
            return "";
        }
        String text = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
