package io.tenantra.compliance.export;

import io.tenantra.compliance.evaluation.Evidence;
import io.tenantra.compliance.evaluation.Verdict;
import io.tenantra.model.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One result as exports see it: which asset, which check (with everything an auditor reads
 * beside the verdict), the verdict, whether an exception covers it, why, the evidence, and when
 * and in which scan it was judged. Built by whoever reads stored results; the writers only read it.
 *
 * @param excepted true when an approved exception accepts this failing result (or overrides a
 *     not-applicable one); the verdict itself stays as judged
 * @param exceptionReason the exception's reason when excepted, else empty
 */
public record ExportRow(
        Asset asset,
        CheckInfo check,
        Verdict verdict,
        boolean excepted,
        String exceptionReason,
        String reason,
        List<Evidence> evidence,
        Instant evaluatedAt,
        UUID scanId) {

    public ExportRow {
        Objects.requireNonNull(asset, "asset");
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(evaluatedAt, "evaluatedAt");
        exceptionReason = exceptionReason == null ? "" : exceptionReason;
        reason = reason == null ? "" : reason;
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }

    /** One piece of evidence in one line, the same in every format: rule, outcome, observed, expected. */
    public static String describe(Evidence evidence) {
        return evidence.rule() + " [" + (evidence.held() ? "held" : "not held") + "] observed: " + evidence.observed()
                + "; expected: " + evidence.expected();
    }

    /** The asset (an enrolled agent's host). */
    public record Asset(UUID id, String name, String hostname, String os, List<String> addresses) {
        public Asset {
            Objects.requireNonNull(id, "id");
            name = name == null ? "" : name;
            hostname = hostname == null ? "" : hostname;
            os = os == null ? "" : os;
            addresses = addresses == null ? List.of() : List.copyOf(addresses);
        }
    }

    /** The check as content describes it. */
    public record CheckInfo(
            String id,
            int version,
            String title,
            Severity severity,
            String description,
            String rationale,
            String remediation,
            List<String> remediationCommands,
            List<String> references,
            Map<String, List<String>> frameworks) {
        public CheckInfo {
            Objects.requireNonNull(id, "id");
            title = title == null ? "" : title;
            severity = severity == null ? Severity.INFO : severity;
            description = description == null ? "" : description;
            rationale = rationale == null ? "" : rationale;
            remediation = remediation == null ? "" : remediation;
            remediationCommands = remediationCommands == null ? List.of() : List.copyOf(remediationCommands);
            references = references == null ? List.of() : List.copyOf(references);
            frameworks = frameworks == null ? Map.of() : Map.copyOf(frameworks);
        }

        /** Framework mappings as {@code framework:control} entries, sorted, for flat formats. */
        public List<String> frameworkControls() {
            return frameworks.entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .flatMap(e -> e.getValue().stream().map(control -> e.getKey() + ":" + control))
                    .toList();
        }
    }
}
