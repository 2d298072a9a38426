package io.tenantra.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shape of an API key: {@code tnk_<prefix>_<secret>}. The prefix (12 base32 characters, 60
 * random bits) names the key: it is stored in clear, shown in lists and safe to log. The secret
 * (32 random bytes, base64url) is the credential: only its SHA-256 is stored. A plain hash is
 * enough here, unlike for passwords: 256 random bits cannot be guessed from their hash, so
 * slowing the hash down would only slow down every request.
 */
final class ApiKeyFormat {

    static final String SCHEME = "tnk_";
    private static final String PREFIX_ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";
    private static final int PREFIX_LENGTH = 12;
    private static final int SECRET_BYTES = 32;
    // 32 bytes in unpadded base64url are exactly 43 characters; '_' may occur inside the secret,
    // which is why the prefix has a fixed length instead of being split off at a separator.
    private static final Pattern KEY = Pattern.compile("^tnk_([a-z2-7]{12})_([A-Za-z0-9_-]{43})$");
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeyFormat() {}

    /** A freshly generated key: its public prefix, its secret, and the whole presentable value. */
    record Generated(String prefix, String secret) {
        String value() {
            return SCHEME + prefix + "_" + secret;
        }
    }

    /** A presented value split into its parts; empty when it is not shaped like a key. */
    record Presented(String prefix, String secret) {}

    static Generated generate() {
        StringBuilder prefix = new StringBuilder(PREFIX_LENGTH);
        for (int i = 0; i < PREFIX_LENGTH; i++) {
            prefix.append(PREFIX_ALPHABET.charAt(RANDOM.nextInt(PREFIX_ALPHABET.length())));
        }
        byte[] secret = new byte[SECRET_BYTES];
        RANDOM.nextBytes(secret);
        return new Generated(
                prefix.toString(), Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
    }

    /** Whether a bearer token claims to be an API key (as opposed to a JWT). */
    static boolean looksLikeKey(String token) {
        return token != null && token.startsWith(SCHEME);
    }

    static Optional<Presented> parse(String token) {
        if (token == null) {
            return Optional.empty();
        }
        Matcher m = KEY.matcher(token);
        return m.matches() ? Optional.of(new Presented(m.group(1), m.group(2))) : Optional.empty();
    }

    static String hash(String secret) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Constant-time comparison of a presented secret with a stored hash. */
    static boolean matches(String secret, String storedHash) {
        return MessageDigest.isEqual(
                hash(secret).getBytes(StandardCharsets.US_ASCII), storedHash.getBytes(StandardCharsets.US_ASCII));
    }
}
