package io.tenantra.tenancy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What a tenant's settings may hold. Settings are changed like a JSON merge patch (RFC 7396): a key
 * with a value sets it, a key with {@code null} removes it (the platform default applies again),
 * keys not mentioned stay as they are. Unknown keys are refused rather than stored, so a typo
 * ({@code mfaRequried}) can never silently leave a tenant without the protection it asked for.
 */
final class TenantSettingsPolicy {

    static final String MFA_REQUIRED = "mfaRequired";
    static final String PASSWORD_MIN_LENGTH = "passwordMinLength";
    static final String SESSION_TIMEOUT_MINUTES = "sessionTimeoutMinutes";
    static final String ENABLED_MODULES = "enabledModules";
    static final List<String> KEYS =
            List.of(MFA_REQUIRED, PASSWORD_MIN_LENGTH, SESSION_TIMEOUT_MINUTES, ENABLED_MODULES);

    static final int MAX_JSON_BYTES = 16 * 1024;
    static final int MAX_MODULES = 50;
    static final Pattern MODULE_NAME = Pattern.compile("^[a-z][a-z0-9_-]{1,40}$");

    private static final String FIELD = "settings";

    private TenantSettingsPolicy() {}

    /**
     * Applies {@code patch} to {@code current}, reporting every problem to {@code violations}.
     *
     * @param patchJsonBytes the size of {@code patch} as JSON, as the client sent it
     * @return the merged settings; meaningless when violations were reported
     */
    static TenantSettings merge(
            TenantSettings current, Map<String, ?> patch, int patchJsonBytes, Violations violations) {
        if (patch == null) {
            return current;
        }
        if (patchJsonBytes > MAX_JSON_BYTES) {
            // Judging the content of a document this size is pointless; say what is wrong with it.
            violations.add(FIELD, "must be at most " + MAX_JSON_BYTES + " bytes of JSON, not " + patchJsonBytes);
            return current;
        }
        Set<String> unknown = new TreeSet<>(patch.keySet());
        KEYS.forEach(unknown::remove);
        if (!unknown.isEmpty()) {
            unknown.forEach(key -> violations.add(FIELD + "." + key, "is not a known setting"));
            violations.note(
                    "Unknown settings: " + String.join(", ", unknown) + " (known: " + String.join(", ", KEYS) + ").");
        }
        boolean mfa = current.mfaRequired();
        Integer minLength = current.passwordMinLength();
        Integer timeout = current.sessionTimeoutMinutes();
        List<String> modules = current.enabledModules();
        if (patch.containsKey(MFA_REQUIRED)) {
            Object value = patch.get(MFA_REQUIRED);
            if (value == null) {
                mfa = false;
            } else if (value instanceof Boolean b) {
                mfa = b;
            } else {
                violations.add(FIELD + "." + MFA_REQUIRED, "must be true or false");
            }
        }
        if (patch.containsKey(PASSWORD_MIN_LENGTH)) {
            minLength = wholeNumber(patch.get(PASSWORD_MIN_LENGTH), PASSWORD_MIN_LENGTH, 8, 128, violations);
        }
        if (patch.containsKey(SESSION_TIMEOUT_MINUTES)) {
            timeout = wholeNumber(patch.get(SESSION_TIMEOUT_MINUTES), SESSION_TIMEOUT_MINUTES, 5, 1440, violations);
        }
        if (patch.containsKey(ENABLED_MODULES)) {
            modules = modules(patch.get(ENABLED_MODULES), violations);
        }
        return new TenantSettings(mfa, minLength, timeout, modules);
    }

    /** Reads settings as stored; keys this version does not know (written by a newer one) are ignored. */
    static TenantSettings fromStored(Map<String, ?> stored) {
        if (stored == null || stored.isEmpty()) {
            return TenantSettings.DEFAULTS;
        }
        return merge(TenantSettings.DEFAULTS, stored, 0, new Violations());
    }

    private static Integer wholeNumber(Object value, String key, int min, int max, Violations violations) {
        if (value == null) {
            return null;
        }
        String field = FIELD + "." + key;
        String range = "must be a whole number from " + min + " to " + max;
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            long number = ((Number) value).longValue();
            if (number >= min && number <= max) {
                return (int) number;
            }
            violations.add(field, range);
        } else if (value instanceof BigInteger) {
            violations.add(field, range);
        } else {
            violations.add(field, range + " (not " + describe(value) + ")");
        }
        return null;
    }

    private static List<String> modules(Object value, Violations violations) {
        if (value == null) {
            return null;
        }
        String field = FIELD + "." + ENABLED_MODULES;
        if (!(value instanceof List<?> list)) {
            violations.add(field, "must be an array of module names");
            return null;
        }
        if (list.size() > MAX_MODULES) {
            violations.add(field, "must name at most " + MAX_MODULES + " modules, not " + list.size());
            return null;
        }
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            Object item = list.get(i);
            if (!(item instanceof String name) || !MODULE_NAME.matcher(name).matches()) {
                violations.add(
                        field + "[" + i + "]",
                        "must be a module name: a lowercase letter, then 1 to 40 lowercase letters, digits, '_' or '-'");
            } else if (seen.add(name)) {
                names.add(name); // a repeated name adds nothing, so it is dropped rather than refused
            }
        }
        return names;
    }

    private static String describe(Object value) {
        if (value instanceof String) {
            return "a string";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        if (value instanceof Number) {
            return "a fractional number";
        }
        if (value instanceof List) {
            return "an array";
        }
        return value instanceof Map ? "an object" : "a " + value.getClass().getSimpleName();
    }
}
