package io.tenantra.agent.modules.users;

import java.util.regex.Pattern;

/**
 * Classifies a crypt(3) password field by its prefix. Only the algorithm name and flags leave
 * this class: the hash itself never becomes part of an item, a message or a log line.
 */
final class HashAlgorithm {

    /** What the password field says about the account. */
    record Classification(String state, String algorithm, boolean weak) {}

    private static final Pattern DES = Pattern.compile("[./0-9A-Za-z]{13}");
    private static final Pattern HEX32 = Pattern.compile("[0-9a-fA-F]{32}");
    private static final Pattern HEX40 = Pattern.compile("[0-9a-fA-F]{40}");

    private HashAlgorithm() {}

    static Classification classify(String field) {
        if (field == null) {
            return new Classification("unknown", null, false);
        }
        if (field.isEmpty()) {
            return new Classification("empty", "none", true);
        }
        String hash = field;
        String state = "set";
        if (field.startsWith("!") || field.startsWith("*")) {
            // "!" prefix (also "!!" and "!*"): locked by passwd -l or usermod -L, an old hash may
            // sit behind it and comes back with unlocking. "*": the account never had a password
            // (system accounts); nothing to unlock, so it is no_login, not locked.
            hash = field.replaceFirst("^[!*]+", "");
            state = field.startsWith("!") ? "locked" : "no_login";
            if (hash.isEmpty()) {
                return new Classification(state, "none", false);
            }
        }
        String algorithm = algorithm(hash);
        if (algorithm == null) {
            // Not a recognisable hash ("x", "NP", "LK"): no password can match it.
            return new Classification(state.equals("set") ? "no_login" : state, "invalid", false);
        }
        return new Classification(state, algorithm, isWeak(algorithm));
    }

    static String algorithm(String hash) {
        if (hash.startsWith("$1$")) {
            return "md5crypt";
        }
        if (hash.startsWith("$2a$") || hash.startsWith("$2b$") || hash.startsWith("$2y$") || hash.startsWith("$2x$")) {
            return "bcrypt";
        }
        if (hash.startsWith("$3$")) {
            return "nthash";
        }
        if (hash.startsWith("$5$")) {
            return "sha256crypt";
        }
        if (hash.startsWith("$6$")) {
            return "sha512crypt";
        }
        if (hash.startsWith("$7$")) {
            return "scrypt";
        }
        if (hash.startsWith("$y$")) {
            return "yescrypt";
        }
        if (hash.startsWith("$gy$")) {
            return "gost-yescrypt";
        }
        if (hash.startsWith("$argon2")) {
            return "argon2";
        }
        if (hash.startsWith("$md5")) {
            return "sunmd5";
        }
        if (hash.startsWith("$sha1$")) {
            return "sha1crypt";
        }
        if (hash.startsWith("_") && hash.length() == 20) {
            return "bsdi-des";
        }
        if (DES.matcher(hash).matches()) {
            return "des";
        }
        if (HEX32.matcher(hash).matches()) {
            return "md5-unsalted";
        }
        if (HEX40.matcher(hash).matches()) {
            return "sha1-unsalted";
        }
        if (hash.startsWith("{SHA}") || hash.startsWith("{MD5}")) {
            return "ldap-unsalted";
        }
        if (hash.startsWith("$")) {
            return "unknown";
        }
        return null;
    }

    /** DES-family, MD5-family and anything unsalted fall to commodity cracking. */
    static boolean isWeak(String algorithm) {
        return switch (algorithm) {
            case "des", "bsdi-des", "md5crypt", "sunmd5", "nthash", "md5-unsalted", "sha1-unsalted", "ldap-unsalted" ->
                true;
            default -> false;
        };
    }
}
