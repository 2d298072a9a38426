package io.tenantra.compliance.host;

import io.tenantra.compliance.evaluation.CheckResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checks Tenantra, the imported CIS policy, OpenSCAP and Lynis share, and how their verdicts
 * compare. The pairing lives in {@code compliance/host/shared-checks.tsv} (test resources): one
 * line per question all listed tools ask the same way, with the reason when they are known to
 * disagree. Every tool's answer is reduced to pass, fail or a non-verdict (n/a, error, not run).
 * A row agrees ("yes") when at least two tools judged and all judgements match, disagrees ("NO")
 * when two judgements differ, and is "scope" when nothing contradicts but our evaluator (built-in
 * or imported) gave no verdict where another tool gave one.
 */
final class SharedChecks {

    static final String NONE = "—";

    /** One shared question and the ids each tool gives it ({@link #NONE} where a tool lacks it). */
    record Pairing(String topic, String ours, String cis, String openScap, String lynis, String note) {}

    /** One compared line: each tool's reduced verdict and whether the pass/fail verdicts agree. */
    record Row(Pairing pairing, String ours, String cis, String openScap, String lynis, String agreement) {}

    record Table(List<Row> rows) {

        long count(String agreement) {
            return rows.stream().filter(r -> r.agreement().equals(agreement)).count();
        }

        String markdown() {
            StringBuilder out = new StringBuilder();
            out.append("Shared checks: ")
                    .append(rows.size())
                    .append("; agree: ")
                    .append(count("yes"))
                    .append("; disagree: ")
                    .append(count("NO"))
                    .append("; ours not applicable or error where another tool judged: ")
                    .append(count("scope"))
                    .append("; fewer than two verdicts: ")
                    .append(count("—"))
                    .append("\n\n")
                    .append(pairwise("CIS-Wazuh", Row::cis))
                    .append(pairwise("OpenSCAP", Row::openScap))
                    .append(pairwise("Lynis", Row::lynis))
                    .append('\n');
            out.append("| topic | ours | CIS-Wazuh (ours) | OpenSCAP | Lynis | agree? | note |\n");
            out.append("| --- | --- | --- | --- | --- | --- | --- |\n");
            for (Row row : rows) {
                Pairing p = row.pairing();
                out.append("| ")
                        .append(p.topic())
                        .append(" | ")
                        .append(cell(p.ours(), row.ours()))
                        .append(" | ")
                        .append(cell(p.cis(), row.cis()))
                        .append(" | ")
                        .append(cell(p.openScap(), row.openScap()))
                        .append(" | ")
                        .append(cell(p.lynis(), row.lynis()))
                        .append(" | ")
                        .append(row.agreement())
                        .append(" | ")
                        .append(p.note())
                        .append(" |\n");
            }
            return out.toString();
        }

        /** Our built-in verdict against one other tool, over the rows where both judged. */
        private String pairwise(String tool, java.util.function.Function<Row, String> other) {
            long judged = 0;
            long same = 0;
            for (Row row : rows) {
                String theirs = other.apply(row);
                if (judged(row.ours()) && judged(theirs)) {
                    judged++;
                    same += row.ours().equals(theirs) ? 1 : 0;
                }
            }
            return "- built-in vs " + tool + ": both judged " + judged + ", agree " + same + "\n";
        }

        private static boolean judged(String verdict) {
            return verdict.equals("pass") || verdict.equals("fail");
        }

        private static String cell(String id, String verdict) {
            return id.equals(NONE) ? NONE : "`" + id + "` " + verdict;
        }
    }

    private SharedChecks() {}

    static List<Pairing> mapping() throws IOException {
        try (InputStream in =
                SharedChecks.class.getClassLoader().getResourceAsStream("compliance/host/shared-checks.tsv")) {
            List<Pairing> pairings = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                if (f.length < 5) {
                    throw new IllegalStateException("shared-checks.tsv: five columns needed: " + line);
                }
                pairings.add(new Pairing(f[0], f[1], f[2], f[3], f[4], f.length > 5 ? f[5] : ""));
            }
            return pairings;
        }
    }

    /** Rule id without the {@code xccdf_org.ssgproject.content_rule_} prefix to its result. */
    static Map<String, String> openScap(Path resultsXml) throws IOException {
        String xml = Files.readString(resultsXml);
        Matcher m = Pattern.compile(
                        "<rule-result idref=\"xccdf_org\\.ssgproject\\.content_rule_([^\"]+)\"[^>]*>\\s*<result>([a-z]+)</result>")
                .matcher(xml);
        Map<String, String> results = new HashMap<>();
        while (m.find()) {
            results.put(m.group(1), m.group(2));
        }
        return results;
    }

    /** Lynis's report and log, asked with the specs of the mapping (see {@link #lynisVerdict}). */
    record Lynis(List<String> findings, String log) {}

    static Lynis lynis(Path report, Path log) throws IOException {
        List<String> findings = Files.readAllLines(report).stream()
                .filter(l -> l.startsWith("suggestion[]=") || l.startsWith("warning[]="))
                .map(l -> l.substring(l.indexOf('=') + 1))
                .toList();
        return new Lynis(findings, Files.readString(log));
    }

    /**
     * {@code sysctl:KEY}: KRNL-6000's result for that key. {@code ID} or {@code ID:text}: fail when
     * the report holds a suggestion or warning of that test (containing the text); "withheld" when
     * the test ran but its log section says Lynis chose not to show its warning (it found the problem
     * and decided not to judge, as TIME-3104 does on virtual machines), which is no verdict; pass
     * when the test ran without either; "skipped" or "not run" otherwise.
     */
    static String lynisVerdict(Lynis lynis, String spec) {
        if (spec.startsWith("sysctl:")) {
            String key = Pattern.quote(spec.substring("sysctl:".length()));
            if (Pattern.compile("sysctl key " + key + " has a different value")
                    .matcher(lynis.log())
                    .find()) {
                return "fail";
            }
            return Pattern.compile("sysctl key " + key + " contains equal")
                            .matcher(lynis.log())
                            .find()
                    ? "pass"
                    : "not run";
        }
        int colon = spec.indexOf(':');
        String test = colon < 0 ? spec : spec.substring(0, colon);
        String text = colon < 0 ? "" : spec.substring(colon + 1).toLowerCase(Locale.ROOT);
        boolean found = lynis.findings().stream()
                .anyMatch(f ->
                        f.startsWith(test + "|") && f.toLowerCase(Locale.ROOT).contains(text));
        if (found) {
            return "fail";
        }
        String section = logSection(lynis.log(), test);
        if (section != null) {
            return section.contains(WARNING_WITHHELD) ? "withheld" : "pass";
        }
        return lynis.log().contains("Skipped test " + test + " ") ? "skipped" : "not run";
    }

    /** What Lynis logs when a test found a problem but decided not to report it. */
    static final String WARNING_WITHHELD = "Skipping display warning";

    /** A test's log lines, from "Performing test ID ID " up to the next "====" line; null when it did not run. */
    static String logSection(String log, String test) {
        int start = log.indexOf("Performing test ID " + test + " ");
        if (start < 0) {
            return null;
        }
        int end = log.indexOf("====", start);
        return end < 0 ? log.substring(start) : log.substring(start, end);
    }

    static Table compare(
            List<Pairing> pairings,
            Map<String, CheckResult> ours,
            Map<String, CheckResult> cis,
            Map<String, String> openScap,
            Lynis lynis) {
        List<Row> rows = new ArrayList<>();
        for (Pairing p : pairings) {
            String o = ours(p.ours(), ours);
            String c = ours(p.cis(), cis);
            String s = p.openScap().equals(NONE) ? NONE : openScap.getOrDefault(p.openScap(), "absent");
            String l = p.lynis().equals(NONE) ? NONE : lynisVerdict(lynis, p.lynis());
            List<String> verdicts = new ArrayList<>();
            for (String v : List.of(o, c, s, l)) {
                if (v.equals("pass") || v.equals("fail")) {
                    verdicts.add(v);
                }
            }
            String agreement =
                    verdicts.size() < 2 ? NONE : verdicts.stream().distinct().count() == 1 ? "yes" : "NO";
            // Not a contradiction, but it needs a reason: our evaluator gave no verdict where another tool gave one.
            boolean oursSilent = List.of(o, c).stream().anyMatch(v -> v.equals("n/a") || v.equals("error"));
            if (!agreement.equals("NO") && oursSilent && !verdicts.isEmpty()) {
                agreement = "scope";
            }
            rows.add(new Row(p, o, c, s, l, agreement));
        }
        return new Table(rows);
    }

    private static String ours(String id, Map<String, CheckResult> verdicts) {
        if (id.equals(NONE)) {
            return NONE;
        }
        CheckResult result = verdicts.get(id);
        if (result == null) {
            return "absent";
        }
        return switch (result.verdict()) {
            case PASS -> "pass";
            case FAIL -> "fail";
            case NOT_APPLICABLE -> "n/a";
            case ERROR -> "error";
            case UNSUPPORTED -> "unsupported";
        };
    }
}
