package io.tenantra.compliance.store;

import io.tenantra.compliance.evaluation.Evidence;
import java.time.Instant;
import java.util.UUID;

/**
 * The digest of everything stored about one verdict (content version, title, severity, verdict,
 * reason, evidence, scan): equal digests mean the stored row would be rewritten unchanged, so the
 * evaluator skips it.
 *
 * <p>A 64-bit FNV-1a over the fields' characters, each field prefixed by its length, finished by a
 * 64-bit avalanche. It only detects change, so it need not be cryptographic: an accidental collision
 * among one asset's few hundred verdicts is out of reach, and a forged one would only keep an agent's
 * own earlier evidence, which an agent able to forge could report directly anyway. It was SHA-256
 * over the fields joined into one string; building that string and hashing it was a tenth of a
 * fleet's re-evaluation. Changing the function makes every stored digest differ once, so the first
 * evaluation after an upgrade that changes it rewrites every verdict, once.
 */
final class VerdictDigest {

    private static final long OFFSET = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;

    private VerdictDigest() {}

    static long of(ResultRows.NewResult r) {
        long h = OFFSET;
        h = text(h, r.policyVersion());
        h = word(h, r.result().checkVersion());
        h = text(h, r.title());
        h = text(h, r.severity());
        h = word(h, r.result().verdict().ordinal());
        h = text(h, r.result().reason());
        h = word(h, r.result().evidence().size());
        for (Evidence e : r.result().evidence()) {
            h = text(h, e.rule());
            h = word(h, e.held() ? 1 : 0);
            h = text(h, e.observed());
            h = text(h, e.expected());
            h = text(h, e.source());
            h = uuid(h, e.scanId());
            h = instant(h, e.observedAt());
        }
        h = uuid(h, r.scanId());
        return avalanche(h);
    }

    // Each field starts with its length (-1 for null), so moving text from one field to the next
    // changes the digest.
    private static long text(long h, String value) {
        if (value == null) {
            return word(h, -1);
        }
        h = word(h, value.length());
        for (int i = 0; i < value.length(); i++) {
            h = (h ^ value.charAt(i)) * PRIME;
        }
        return h;
    }

    private static long uuid(long h, UUID value) {
        if (value == null) {
            return word(h, -1);
        }
        return word(word(word(h, 16), value.getMostSignificantBits()), value.getLeastSignificantBits());
    }

    private static long instant(long h, Instant value) {
        if (value == null) {
            return word(h, -1);
        }
        return word(word(word(h, 12), value.getEpochSecond()), value.getNano());
    }

    private static long word(long h, long value) {
        for (int shift = 0; shift < 64; shift += 16) {
            h = (h ^ ((value >>> shift) & 0xFFFF)) * PRIME;
        }
        return h;
    }

    private static long avalanche(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        return h ^ (h >>> 33);
    }
}
