package io.tenantra.tenancy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tenant's own settings, typed. Null means "not set here": the platform default applies (for
 * example the identity module's own minimum password length). Validated by
 * {@link TenantSettingsPolicy}; the keys are documented in {@code docs/tenancy.md}.
 *
 * @param mfaRequired every user of the tenant must use a second factor to log in
 * @param passwordMinLength minimum password length for the tenant's users (8–128)
 * @param sessionTimeoutMinutes idle time after which a console session ends (5–1440)
 * @param enabledModules the feature modules the tenant uses; null means all
 */
public record TenantSettings(
        boolean mfaRequired, Integer passwordMinLength, Integer sessionTimeoutMinutes, List<String> enabledModules) {

    public static final TenantSettings DEFAULTS = new TenantSettings(false, null, null, null);

    public TenantSettings {
        enabledModules = enabledModules == null ? null : List.copyOf(enabledModules);
    }

    /** The settings as the API shows and the database stores them: keys that are set, in a fixed order. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(TenantSettingsPolicy.MFA_REQUIRED, mfaRequired);
        if (passwordMinLength != null) {
            map.put(TenantSettingsPolicy.PASSWORD_MIN_LENGTH, passwordMinLength);
        }
        if (sessionTimeoutMinutes != null) {
            map.put(TenantSettingsPolicy.SESSION_TIMEOUT_MINUTES, sessionTimeoutMinutes);
        }
        if (enabledModules != null) {
            map.put(TenantSettingsPolicy.ENABLED_MODULES, enabledModules);
        }
        return map;
    }
}
