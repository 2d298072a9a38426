package io.tenantra.tenancy;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How the console presents a tenant to its users. Every part is optional (null: not set).
 * Validated by {@link TenantBrandingPolicy}.
 *
 * @param logoUrl an https URL, or a {@code data:image/png} / {@code data:image/svg+xml} base64 URI
 * @param primaryColor {@code #RRGGBB}
 */
public record TenantBranding(String displayName, String logoUrl, String primaryColor) {

    public static final TenantBranding NONE = new TenantBranding(null, null, null);

    /** The branding as the API shows and the database stores it: the parts that are set. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        if (displayName != null) {
            map.put(TenantBrandingPolicy.DISPLAY_NAME, displayName);
        }
        if (logoUrl != null) {
            map.put(TenantBrandingPolicy.LOGO_URL, logoUrl);
        }
        if (primaryColor != null) {
            map.put(TenantBrandingPolicy.PRIMARY_COLOR, primaryColor);
        }
        return map;
    }
}
