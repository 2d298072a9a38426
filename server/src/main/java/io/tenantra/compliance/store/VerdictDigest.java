package io.tenantra.compliance.store;

import io.tenantra.compliance.evaluation.Evidence;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * The digest of everything stored about one verdict (content version, title, severity, verdict,
 * reason, evidence, scan): equal digests mean the stored row would be rewritten unchanged, so
 * the evaluator skips it. SHA-256 cut to 64 bits: an accidental collision among one asset's few
 * hundred verdicts is out of reach, and a forged one would only keep an agent's own earlier
 * evidence, which an agent able to forge could report directly anyway.
 */
final class VerdictDigest {

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    });

    private VerdictDigest() {}

    static long of(ResultRows.NewResult r) {
        StringBuilder text = TEXT.get();
        text.setLength(0);
        field(text, r.policyVersion());
        field(text, Integer.toString(r.result().checkVersion()));
        field(text, r.title());
        field(text, r.severity());
        field(text, r.result().verdict().name());
        field(text, r.result().reason());
        // The evidence field by field rather than as its JSON: most verdicts do not change, and
        // writing every one's JSON only to digest it was a large part of a re-evaluation.
        field(text, Integer.toString(r.result().evidence().size()));
        for (Evidence e : r.result().evidence()) {
            field(text, e.rule());
            field(text, Boolean.toString(e.held()));
            field(text, e.observed());
            field(text, e.expected());
            field(text, e.source());
            field(text, e.scanId() == null ? null : e.scanId().toString());
            field(text, e.observedAt() == null ? null : e.observedAt().toString());
        }
        UUID scan = r.scanId();
        field(text, scan == null ? "" : scan.toString());
        MessageDigest sha = SHA256.get();
        sha.reset();
        return ByteBuffer.wrap(sha.digest(text.toString().getBytes(StandardCharsets.UTF_8)))
                .getLong();
    }

    private static final ThreadLocal<StringBuilder> TEXT = ThreadLocal.withInitial(() -> new StringBuilder(1024));

    // Each field is prefixed with its length in chars (-1 for null), so moving text from one field
    // to the next changes the digest.
    private static void field(StringBuilder text, String value) {
        if (value == null) {
            text.append("-1:");
            return;
        }
        text.append(value.length()).append(':').append(value);
    }
}
