package io.tenantra.model;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * How the server signs the probes of a job and how the agent checks them, defined once for both
 * sides. The signature (Ed25519, by the server's content key) covers a canonical byte form of
 * the job id, the agent id, the deadline and every field of every probe, so signed probes cannot
 * be moved to another job or agent, kept past the job, or changed in any field.
 *
 * <p>The canonical form is binary and unambiguous rather than JSON, so it does not depend on a
 * JSON library's field order or number formatting: a domain string, then each value as a 4-byte
 * big-endian length followed by its UTF-8 bytes (length {@code -1} for null), integers as 4 or 8
 * bytes, booleans as one byte, and lists as their size followed by their elements.
 */
public final class ProbeSigning {

    /** The algorithm of content keys and signatures (JDK name). */
    public static final String ALGORITHM = "Ed25519";

    private static final String DOMAIN = "tenantra-probes/v1";

    private ProbeSigning() {}

    /** The bytes the signature covers. */
    public static byte[] canonical(UUID jobId, UUID agentId, Instant deadline, List<Probe> probes) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + probes.size() * 128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            text(out, DOMAIN);
            text(out, String.valueOf(jobId));
            text(out, String.valueOf(agentId));
            out.writeLong(deadline == null ? Long.MIN_VALUE : deadline.getEpochSecond());
            out.writeInt(deadline == null ? 0 : deadline.getNano());
            out.writeInt(probes.size());
            for (Probe probe : probes) {
                text(out, probe.id());
                text(out, probe.kind().name());
                out.writeInt(probe.targets().size());
                for (String target : probe.targets()) {
                    text(out, target);
                }
                text(out, probe.namePattern());
                text(out, probe.registryValue());
                out.writeInt(probe.tests().size());
                for (ContentTest test : probe.tests()) {
                    out.writeBoolean(test.negated());
                    text(out, test.kind().name());
                    text(out, test.pattern());
                    text(out, test.operator());
                    text(out, test.value());
                }
                out.writeBoolean(probe.shell());
                out.writeInt(probe.timeoutSeconds());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    /** The id of a content key: the first 16 hex digits of SHA-256 over its X.509 (SPKI) encoding. */
    public static String keyId(byte[] spki) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(spki), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Reads a base64 SPKI content key; throws {@link IllegalArgumentException} when it is not Ed25519. */
    public static PublicKey publicKey(String base64Spki) {
        try {
            return KeyFactory.getInstance(ALGORITHM)
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64Spki)));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("not an Ed25519 public key: " + e.getMessage(), e);
        }
    }

    /** True when {@code base64Signature} is the key's signature over the job's canonical form. */
    public static boolean verify(PublicKey key, String base64Signature, Job job, UUID agentId) {
        if (base64Signature == null || base64Signature.isBlank()) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(key);
            verifier.update(canonical(job.id(), agentId, job.deadline(), job.probes()));
            return verifier.verify(Base64.getDecoder().decode(base64Signature));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false; // malformed signature bytes are a bad signature, not a crash
        }
    }

    private static void text(DataOutputStream out, String value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }
}
