package io.tenantra.compliance.export;

import static io.tenantra.compliance.export.ExportFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.compliance.evaluation.Verdict;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CSV: RFC 4180 quoting, CRLF line ends, formula injection defused, every column filled. */
class CsvExportTest {

    private static String csv(List<ExportRow> rows) {
        StringWriter out = new StringWriter();
        CsvExport.write(rows, out);
        return out.toString();
    }

    @Test
    void writesAHeaderAndOneLinePerResult() {
        String text = csv(List.of(row(WEB, SSH, Verdict.FAIL), excepted(DB, SSH)));
        List<List<String>> records = parse(text);
        assertThat(records.get(0)).isEqualTo(CsvExport.HEADER);
        assertThat(records).hasSize(3);
        List<String> first = records.get(1);
        assertThat(first.get(0)).isEqualTo(WEB.id().toString());
        assertThat(first.get(CsvExport.HEADER.indexOf("check_id"))).isEqualTo("tn-linux-ssh-root-login");
        assertThat(first.get(CsvExport.HEADER.indexOf("verdict"))).isEqualTo("FAIL");
        assertThat(first.get(CsvExport.HEADER.indexOf("severity"))).isEqualTo("high");
        assertThat(first.get(CsvExport.HEADER.indexOf("evidence")))
                .isEqualTo("config.sshd_setting permitrootlogin equals no [not held] observed: yes; expected: no");
        assertThat(first.get(CsvExport.HEADER.indexOf("frameworks")))
                .isEqualTo("nist-800-53-r5:AC-6(2) nist-800-53-r5:CM-6 tenantra-linux-l1:5.2.7");
        assertThat(first.get(CsvExport.HEADER.indexOf("evaluated_at"))).isEqualTo("2026-12-03T10:15:30Z");
        assertThat(first.get(CsvExport.HEADER.indexOf("scan_id"))).isEqualTo(SCAN.toString());
        List<String> second = records.get(2);
        assertThat(second.get(CsvExport.HEADER.indexOf("excepted"))).isEqualTo("true");
        assertThat(second.get(CsvExport.HEADER.indexOf("exception_reason"))).isEqualTo("Accepted until the migration");
        assertThat(text).contains("\r\n").doesNotContain("\n\n");
    }

    @Test
    void quotesAndDefusesHostileText() {
        ExportRow.Asset hostile =
                new ExportRow.Asset(WEB.id(), "=HYPERLINK(\"http://evil\")", "a,b\r\nc", "@SUM(A1)", List.of());
        String text = csv(List.of(row(hostile, SSH, Verdict.PASS)));
        assertThat(text).contains("\"'=HYPERLINK(\"\"http://evil\"\")\"");
        List<String> record = parse(text).get(1);
        assertThat(record.get(1)).isEqualTo("'=HYPERLINK(\"http://evil\")");
        assertThat(record.get(2)).isEqualTo("a,b\r\nc");
        assertThat(record.get(3)).isEqualTo("'@SUM(A1)");
        assertThat(CsvExport.cell("-2+3")).isEqualTo("'-2+3");
        assertThat(CsvExport.cell("\tx")).isEqualTo("'\tx");
        assertThat(CsvExport.cell("plain")).isEqualTo("plain");
        assertThat(CsvExport.cell(null)).isEmpty();
    }

    /** A strict RFC 4180 reader: records end with CRLF; quoted fields may hold anything. */
    static List<List<String>> parse(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i += 2;
                    continue;
                }
                if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
                i++;
                continue;
            }
            if (c == '"' && field.isEmpty()) {
                quoted = true;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                record.add(field.toString());
                field.setLength(0);
                records.add(record);
                record = new ArrayList<>();
                i++;
            } else {
                assertThat(c).as("bare CR, LF or quote outside quotes at %d", i).isNotIn('\r', '\n', '"');
                field.append(c);
            }
            i++;
        }
        assertThat(quoted).as("unterminated quote").isFalse();
        assertThat(field).as("text after the last CRLF").isEmpty();
        return records;
    }
}
