package io.tenantra.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * One-time recovery codes, for when the authenticator is lost: 16 random base32 characters (80
 * bits) shown as {@code abcd-efgh-ijkl-mnop}. With that much entropy a plain SHA-256 is a safe
 * way to store them (unlike passwords, they cannot be guessed from a dictionary), and checking one
 * stays cheap at login.
 */
final class RecoveryCodes {

    static final int COUNT = 10;
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";
    private static final int LENGTH = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private RecoveryCodes() {}

    static List<String> generate() {
        List<String> codes = new ArrayList<>(COUNT);
        for (int i = 0; i < COUNT; i++) {
            StringBuilder code = new StringBuilder();
            for (int c = 0; c < LENGTH; c++) {
                if (c > 0 && c % 4 == 0) {
                    code.append('-');
                }
                code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
            }
            codes.add(code.toString());
        }
        return codes;
    }

    /** Whether {@code candidate} looks like a recovery code at all (after dashes and spaces go). */
    static boolean looksLikeOne(String candidate) {
        return candidate != null && normalise(candidate).matches("[a-z2-7]{" + LENGTH + "}");
    }

    static String hash(String code) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256").digest(normalise(code).getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> hashAll(List<String> codes) {
        return codes.stream().map(RecoveryCodes::hash).toList();
    }

    /** The index of the stored hash {@code candidate} matches, compared in constant time. */
    static OptionalInt match(List<String> storedHashes, String candidate) {
        byte[] presented = hash(candidate).getBytes(StandardCharsets.US_ASCII);
        OptionalInt found = OptionalInt.empty();
        for (int i = 0; i < storedHashes.size(); i++) {
            if (MessageDigest.isEqual(storedHashes.get(i).getBytes(StandardCharsets.US_ASCII), presented)
                    && found.isEmpty()) {
                found = OptionalInt.of(i);
            }
        }
        return found;
    }

    private static String normalise(String code) {
        return code.replace("-", "").replace(" ", "").toLowerCase(Locale.ROOT);
    }
}
