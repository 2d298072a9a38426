package io.tenantra.tenantadmin.web;

import io.tenantra.tenancy.Tenant;
import io.tenantra.tenancy.TenantSettings;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The console's "edit tenant" form as typed: the name and the settings the API exposes. Empty
 * numbers and an empty module list mean "not set here, the platform default applies", which the
 * settings merge patch expresses as a key set to null.
 */
public record TenantEditForm(
        String name,
        Boolean mfaRequired,
        String passwordMinLength,
        String sessionTimeoutMinutes,
        String enabledModules) {

    static TenantEditForm of(Tenant tenant) {
        TenantSettings s = tenant.settings();
        return new TenantEditForm(
                tenant.name(),
                s.mfaRequired(),
                s.passwordMinLength() == null ? "" : s.passwordMinLength().toString(),
                s.sessionTimeoutMinutes() == null
                        ? ""
                        : s.sessionTimeoutMinutes().toString(),
                s.enabledModules() == null ? "" : String.join(", ", s.enabledModules()));
    }

    /**
     * The settings patch. A number that does not parse is passed on as text, so the tenancy
     * policy refuses it with the same message the API gives.
     */
    Map<String, Object> settingsPatch() {
        Map<String, Object> patch = new LinkedHashMap<>();
        patch.put("mfaRequired", Boolean.TRUE.equals(mfaRequired));
        patch.put("passwordMinLength", number(passwordMinLength));
        patch.put("sessionTimeoutMinutes", number(sessionTimeoutMinutes));
        patch.put("enabledModules", modules(enabledModules));
        return patch;
    }

    private static Object number(String typed) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(typed.strip());
        } catch (NumberFormatException e) {
            return typed.strip();
        }
    }

    private static List<String> modules(String typed) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        return Arrays.stream(typed.split("[,\\s]+"))
                .filter(name -> !name.isEmpty())
                .toList();
    }
}
