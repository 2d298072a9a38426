package io.tenantra.compliance.store;

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

    static long of(ResultRows.NewResult r, String evidenceJson) {
        MessageDigest sha = SHA256.get();
        sha.reset();
        field(sha, r.policyVersion());
        field(sha, Integer.toString(r.result().checkVersion()));
        field(sha, r.title());
        field(sha, r.severity());
        field(sha, r.result().verdict().name());
        field(sha, r.result().reason());
        field(sha, evidenceJson);
        UUID scan = r.scanId();
        field(sha, scan == null ? "" : scan.toString());
        return ByteBuffer.wrap(sha.digest()).getLong();
    }

    // Each field is length-prefixed, so moving text from one field to the next changes the digest.
    private static void field(MessageDigest sha, String value) {
        if (value == null) {
            sha.update(ByteBuffer.allocate(4).putInt(-1).array());
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        sha.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
        sha.update(bytes);
    }
}
