package io.tenantra.identity;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords (RFC 6238) as authenticator apps make them: HMAC-SHA1 over the
 * number of 30-second steps since the epoch, dynamically truncated (RFC 4226) to 6 digits.
 * Verification accepts one step either side of now, because phone and server clocks drift, and
 * only steps newer than the last one used, so a code seen over someone's shoulder cannot be used
 * again.
 */
final class Totp {

    static final int DIGITS = 6;
    static final long STEP_SECONDS = 30;
    /** Steps accepted either side of the current one. */
    static final int WINDOW = 1;

    private static final int[] POWERS = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

    private Totp() {}

    static long stepAt(Instant instant) {
        return Math.floorDiv(instant.getEpochSecond(), STEP_SECONDS);
    }

    /** The code for {@code step}, zero-padded to {@code digits}. */
    static String code(byte[] key, long step, int digits) {
        byte[] hash = hmacSha1(key, ByteBuffer.allocate(8).putLong(step).array());
        int offset = hash[hash.length - 1] & 0x0f;
        int binary = ((hash[offset] & 0x7f) << 24)
                | ((hash[offset + 1] & 0xff) << 16)
                | ((hash[offset + 2] & 0xff) << 8)
                | (hash[offset + 3] & 0xff);
        String code = Integer.toString(binary % POWERS[digits]);
        return "0".repeat(digits - code.length()) + code;
    }

    static String code(byte[] key, long step) {
        return code(key, step, DIGITS);
    }

    /**
     * The step {@code candidate} is the code for, if it is one within {@link #WINDOW} of
     * {@code currentStep} and newer than {@code lastUsedStep} (null: none used yet). Compares every
     * candidate step in constant time so the answer's timing says nothing about near misses.
     */
    static OptionalLong verify(byte[] key, String candidate, long currentStep, Long lastUsedStep) {
        if (candidate == null || !candidate.matches("\\d{" + DIGITS + "}")) {
            return OptionalLong.empty();
        }
        OptionalLong matched = OptionalLong.empty();
        for (long step = currentStep - WINDOW; step <= currentStep + WINDOW; step++) {
            boolean equal = MessageDigest.isEqual(
                    code(key, step).getBytes(StandardCharsets.US_ASCII), candidate.getBytes(StandardCharsets.US_ASCII));
            if (equal && (lastUsedStep == null || step > lastUsedStep) && matched.isEmpty()) {
                matched = OptionalLong.of(step);
            }
        }
        return matched;
    }

    private static byte[] hmacSha1(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            return mac.doFinal(message);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA1 is unavailable", e);
        }
    }
}
