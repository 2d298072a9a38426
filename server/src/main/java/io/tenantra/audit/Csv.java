package io.tenantra.audit;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV as audit exports use it, with two conventions so that a file round-trips to the
 * exact values that were hashed:
 *
 * <ul>
 *   <li>an absent value (SQL NULL) is an empty unquoted field; an empty string is {@code ""}
 *       (the same rule as PostgreSQL's {@code COPY ... CSV});
 *   <li>a value starting with {@code = + - @ TAB CR} or {@code '} gets one {@code '} put in front
 *       of it, so spreadsheets do not run it as a formula; readers remove exactly one leading
 *       {@code '}, which makes the escape reversible.
 * </ul>
 *
 * Records end with CRLF; fields are quoted when they contain a comma, a quote or a line break.
 */
final class Csv {

    private Csv() {}

    static void writeRow(Writer out, List<String> fields) {
        try {
            for (int i = 0; i < fields.size(); i++) {
                if (i > 0) {
                    out.write(',');
                }
                String value = fields.get(i);
                if (value == null) {
                    continue;
                }
                String escaped = needsFormulaEscape(value) ? "'" + value : value;
                if (escaped.isEmpty()
                        || escaped.indexOf(',') >= 0
                        || escaped.indexOf('"') >= 0
                        || escaped.indexOf('\n') >= 0
                        || escaped.indexOf('\r') >= 0) {
                    out.write('"');
                    out.write(escaped.replace("\"", "\"\""));
                    out.write('"');
                } else {
                    out.write(escaped);
                }
            }
            out.write("\r\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean needsFormulaEscape(String value) {
        return !value.isEmpty() && "=+-@\t\r'".indexOf(value.charAt(0)) >= 0;
    }

    /** The input is not CSV as {@link #writeRow} writes it. */
    static final class MalformedCsvException extends IOException {
        MalformedCsvException(String message) {
            super(message);
        }
    }

    /** Reads records one at a time; each field is its value, or null for an empty unquoted field. */
    static final class RecordReader {
        private final Reader in;
        private int pushedBack = -2;
        private long line = 1;

        RecordReader(Reader in) {
            this.in = in;
        }

        /** The line the next record starts on (1-based), for messages. */
        long line() {
            return line;
        }

        /** The next record, or null at the end of the input. */
        List<String> next() throws IOException {
            int c = read();
            if (c == -1) {
                return null;
            }
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            boolean inQuotes = false;
            while (true) {
                if (inQuotes) {
                    if (c == -1) {
                        throw new MalformedCsvException("line " + line + ": a quoted field is not closed");
                    }
                    if (c == '"') {
                        int following = read();
                        if (following == '"') {
                            field.append('"');
                        } else {
                            inQuotes = false;
                            c = following;
                            continue;
                        }
                    } else {
                        if (c == '\n') {
                            line++;
                        }
                        field.append((char) c);
                    }
                } else if (c == ',' || c == '\n' || c == '\r' || c == -1) {
                    fields.add(quoted || field.length() > 0 ? unescape(field.toString()) : null);
                    field.setLength(0);
                    quoted = false;
                    if (c == '\r') {
                        int following = read();
                        if (following != '\n') {
                            unread(following);
                        }
                    }
                    if (c != ',') {
                        line++;
                        return fields;
                    }
                } else if (c == '"' && field.length() == 0 && !quoted) {
                    quoted = true;
                    inQuotes = true;
                } else {
                    field.append((char) c);
                }
                c = read();
            }
        }

        private static String unescape(String value) {
            return value.startsWith("'") ? value.substring(1) : value;
        }

        private int read() throws IOException {
            if (pushedBack != -2) {
                int c = pushedBack;
                pushedBack = -2;
                return c;
            }
            return in.read();
        }

        private void unread(int c) {
            pushedBack = c;
        }
    }
}
