package io.tenantra.support;

import java.nio.ByteBuffer;
import java.time.Instant;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Plays the authenticator app in tests: RFC 6238 codes from a base32 secret, written separately
 * from the server's implementation so that the two check each other.
 */
public final class TotpCodes {

    private TotpCodes() {}

    public static long step(Instant at) {
        return at.getEpochSecond() / 30;
    }

    public static String at(String base32Secret, long step) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(decode(base32Secret), "HmacSHA1"));
            byte[] h = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
            int o = h[19] & 0xf;
            int value = ((h[o] & 0x7f) << 24 | (h[o + 1] & 0xff) << 16 | (h[o + 2] & 0xff) << 8 | (h[o + 3] & 0xff))
                    % 1_000_000;
            return String.format("%06d", value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String now(String base32Secret) {
        return at(base32Secret, step(Instant.now()));
    }

    private static byte[] decode(String base32) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        ByteBuffer out = ByteBuffer.allocate(base32.length() * 5 / 8);
        long buffer = 0;
        int bits = 0;
        for (char c : base32.toCharArray()) {
            buffer = (buffer << 5) | alphabet.indexOf(c);
            bits += 5;
            if (bits >= 8) {
                out.put((byte) (buffer >> (bits - 8)));
                bits -= 8;
            }
        }
        return java.util.Arrays.copyOf(out.array(), out.position());
    }
}
