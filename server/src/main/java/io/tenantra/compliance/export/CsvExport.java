package io.tenantra.compliance.export;

import io.tenantra.compliance.evaluation.Evidence;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Results as RFC 4180 CSV (CRLF line ends, quoted where needed), one line per asset and check.
 * Text that a spreadsheet would run as a formula (starting with {@code = + - @}, tab or carriage
 * return) is prefixed with an apostrophe: check titles and evidence come from hosts and imported
 * content, which an attacker may control.
 */
public final class CsvExport {

    public static final List<String> HEADER = List.of(
            "asset_id",
            "asset_name",
            "hostname",
            "os",
            "check_id",
            "check_version",
            "title",
            "severity",
            "verdict",
            "excepted",
            "exception_reason",
            "reason",
            "evidence",
            "frameworks",
            "remediation",
            "references",
            "evaluated_at",
            "scan_id");

    private CsvExport() {}

    /** Writes the header and every row; flushes, never closes {@code out}. */
    public static void write(Iterable<ExportRow> rows, Writer out) {
        try {
            line(out, HEADER);
            for (ExportRow row : rows) {
                line(
                        out,
                        List.of(
                                row.asset().id().toString(),
                                row.asset().name(),
                                row.asset().hostname(),
                                row.asset().os(),
                                row.check().id(),
                                Integer.toString(row.check().version()),
                                row.check().title(),
                                row.check().severity().name().toLowerCase(java.util.Locale.ROOT),
                                row.verdict().name(),
                                Boolean.toString(row.excepted()),
                                row.exceptionReason(),
                                row.reason(),
                                evidence(row.evidence()),
                                String.join(" ", row.check().frameworkControls()),
                                row.check().remediation(),
                                String.join(" ", row.check().references()),
                                row.evaluatedAt().toString(),
                                row.scanId() == null ? "" : row.scanId().toString()));
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One evidence entry per line: the rule, its outcome, observed and expected values. */
    static String evidence(List<Evidence> evidence) {
        return evidence.stream().map(ExportRow::describe).collect(Collectors.joining("\n"));
    }

    private static void line(Writer out, List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(cell(cells.get(i)));
        }
        out.write("\r\n");
    }

    /** One RFC 4180 cell, with formula-looking text defused for spreadsheet programs. */
    static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String text = value;
        if ("=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }
}
