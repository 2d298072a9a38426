package io.tenantra.platform.secrets;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals and opens secrets stored in the database. A sealed value reads
 * {@code sealed:v1:<kid>:<base64url(nonce || ciphertext || tag)>}: AES-256-GCM with a fresh 96-bit
 * nonce per value, under the key {@code kid} names. The associated data is the value's place
 * (table, column and row key), so a sealed value copied into another row or column does not open:
 * an attacker with database access cannot give one user another user's TOTP seed.
 *
 * <p>The first key seals; every key opens what it sealed, which is how keys rotate: put a new key
 * first, restart, and the server re-seals every stored value under it (see the database module).
 */
public final class SecretKeyring {

    static final String PREFIX = "sealed:v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final Map<String, SecretKey> keys; // by kid, the sealing key first
    private final String activeKid;
    private final SecureRandom random = new SecureRandom();

    /** @param rawKeys 32-byte AES keys, the one to seal with first */
    public SecretKeyring(List<byte[]> rawKeys) {
        if (rawKeys.isEmpty()) {
            throw new IllegalArgumentException("at least one key is needed to seal secrets");
        }
        Map<String, SecretKey> byKid = new LinkedHashMap<>();
        for (byte[] raw : rawKeys) {
            if (raw.length != 32) {
                throw new IllegalArgumentException(
                        "a secrets key must be 32 bytes (AES-256), this one has " + raw.length);
            }
            byKid.putIfAbsent(kidOf(raw), new SecretKeySpec(raw.clone(), "AES"));
        }
        this.keys = Map.copyOf(byKid);
        this.activeKid = byKid.keySet().iterator().next();
    }

    /** The id of the key that seals: the first 12 hex digits of its SHA-256, never the key itself. */
    public static String kidOf(byte[] rawKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(rawKey);
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no SHA-256", e);
        }
    }

    public String activeKid() {
        return activeKid;
    }

    /** Where a value lives, bound into its seal: for example {@code place("user_mfa", "secret", userId)}. */
    public static String place(String table, String column, Object rowKey) {
        return table + "." + column + ":" + Objects.requireNonNull(rowKey);
    }

    public String seal(String plaintext, String place) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(activeKid), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(place.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(nonce.length + sealed.length)
                    .put(nonce)
                    .put(sealed)
                    .array();
            return PREFIX + activeKid + ":"
                    + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not seal a secret", e);
        }
    }

    /** Opens a value sealed for {@code place}; fails closed on anything else. */
    public String open(String stored, String place) {
        if (!isSealed(stored)) {
            throw new SecretIntegrityException("the secret stored for " + place + " is not sealed");
        }
        String kid = kidIn(stored);
        SecretKey key = keys.get(kid);
        if (key == null) {
            throw new SecretIntegrityException("the secret stored for " + place + " was sealed with key " + kid
                    + ", which this server does not have (see TENANTRA_SECRETS_KEYS)");
        }
        try {
            byte[] in = Base64.getUrlDecoder().decode(stored.substring(PREFIX.length() + kid.length() + 1));
            if (in.length < NONCE_BYTES + TAG_BITS / 8) {
                throw new SecretIntegrityException("the secret stored for " + place + " is truncated");
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            cipher.updateAAD(place.getBytes(StandardCharsets.UTF_8));
            byte[] plain = cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new SecretIntegrityException(
                    "the secret stored for " + place + " does not open: altered, or moved from another row", e);
        }
    }

    public static boolean isSealed(String stored) {
        return stored != null && stored.startsWith(PREFIX) && stored.indexOf(':', PREFIX.length()) > PREFIX.length();
    }

    /** The kid a sealed value names. */
    public static String kidIn(String sealed) {
        if (!isSealed(sealed)) {
            throw new IllegalArgumentException("not a sealed value");
        }
        return sealed.substring(PREFIX.length(), sealed.indexOf(':', PREFIX.length()));
    }

    public boolean knows(String kid) {
        return keys.containsKey(kid);
    }

    /** How every value sealed under the sealing key begins (for a LIKE that finds the others). */
    public String activePrefix() {
        return PREFIX + activeKid + ":";
    }

    public boolean sealedWithActiveKey(String stored) {
        return stored != null && stored.startsWith(activePrefix());
    }
}
