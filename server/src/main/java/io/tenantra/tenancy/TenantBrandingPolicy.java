package io.tenantra.tenancy;

import io.tenantra.platform.text.TextRules;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What a tenant's branding may hold. Changed like the settings (JSON merge patch: null removes a
 * part). The logo is shown in every console page of the tenant's users, so it is either an https
 * URL (never plain http: mixed content) or a small inline PNG or SVG image.
 */
final class TenantBrandingPolicy {

    static final String DISPLAY_NAME = "displayName";
    static final String LOGO_URL = "logoUrl";
    static final String PRIMARY_COLOR = "primaryColor";
    static final List<String> KEYS = List.of(DISPLAY_NAME, LOGO_URL, PRIMARY_COLOR);

    static final int MAX_DISPLAY_NAME = 200;
    static final int MAX_URL_LENGTH = 2048;
    static final int MAX_LOGO_BYTES = 100 * 1024;

    private static final Pattern COLOR = Pattern.compile("^#[0-9A-Fa-f]{6}$");
    private static final String PNG_PREFIX = "data:image/png;base64,";
    private static final String SVG_PREFIX = "data:image/svg+xml;base64,";
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final String FIELD = "branding";

    private TenantBrandingPolicy() {}

    /** Applies {@code patch} to {@code current}, reporting every problem to {@code violations}. */
    static TenantBranding merge(TenantBranding current, Map<String, ?> patch, Violations violations) {
        if (patch == null) {
            return current;
        }
        Set<String> unknown = new TreeSet<>(patch.keySet());
        KEYS.forEach(unknown::remove);
        if (!unknown.isEmpty()) {
            unknown.forEach(key -> violations.add(FIELD + "." + key, "is not a known branding field"));
            violations.note("Unknown branding fields: " + String.join(", ", unknown) + " (known: "
                    + String.join(", ", KEYS) + ").");
        }
        String displayName = current.displayName();
        String logoUrl = current.logoUrl();
        String color = current.primaryColor();
        if (patch.containsKey(DISPLAY_NAME)) {
            displayName = text(patch.get(DISPLAY_NAME), DISPLAY_NAME, violations);
            if (displayName != null && (displayName.isBlank() || TextRules.length(displayName) > MAX_DISPLAY_NAME)) {
                violations.add(
                        FIELD + "." + DISPLAY_NAME, "must be 1 to " + MAX_DISPLAY_NAME + " characters, not blank");
            }
        }
        if (patch.containsKey(LOGO_URL)) {
            logoUrl = text(patch.get(LOGO_URL), LOGO_URL, violations);
            if (logoUrl != null) {
                logo(logoUrl, violations);
            }
        }
        if (patch.containsKey(PRIMARY_COLOR)) {
            color = text(patch.get(PRIMARY_COLOR), PRIMARY_COLOR, violations);
            if (color != null && !COLOR.matcher(color).matches()) {
                violations.add(FIELD + "." + PRIMARY_COLOR, "must be a colour like #1A2B3C");
            }
        }
        return new TenantBranding(displayName, logoUrl, color);
    }

    /** Reads branding as stored; unknown parts (from a newer version) are ignored. */
    static TenantBranding fromStored(Map<String, ?> stored) {
        if (stored == null || stored.isEmpty()) {
            return TenantBranding.NONE;
        }
        return merge(TenantBranding.NONE, stored, new Violations());
    }

    private static String text(Object value, String key, Violations violations) {
        if (value == null || value instanceof String) {
            return (String) value;
        }
        violations.add(FIELD + "." + key, "must be a string");
        return null;
    }

    private static void logo(String value, Violations violations) {
        String field = FIELD + "." + LOGO_URL;
        if (value.startsWith(PNG_PREFIX) || value.startsWith(SVG_PREFIX)) {
            boolean png = value.startsWith(PNG_PREFIX);
            byte[] image;
            try {
                image = Base64.getDecoder().decode(value.substring(png ? PNG_PREFIX.length() : SVG_PREFIX.length()));
            } catch (IllegalArgumentException e) {
                violations.add(field, "has data that is not valid base64");
                return;
            }
            if (image.length == 0 || image.length > MAX_LOGO_BYTES) {
                violations.add(
                        field,
                        "must hold an image of 1 byte to " + MAX_LOGO_BYTES / 1024 + " KB, not " + image.length
                                + " bytes");
            } else if (png ? !startsWith(image, PNG_SIGNATURE) : !looksLikeSvg(image)) {
                violations.add(field, "must hold a " + (png ? "PNG" : "SVG") + " image, as its media type says");
            }
            return;
        }
        if (value.length() > MAX_URL_LENGTH) {
            violations.add(field, "must be at most " + MAX_URL_LENGTH + " characters when it is a URL");
            return;
        }
        try {
            URI uri = new URI(value);
            if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null || uri.getRawUserInfo() != null) {
                violations.add(field, "must be an https URL, or a data:image/png or data:image/svg+xml base64 URI");
            }
        } catch (URISyntaxException e) {
            violations.add(field, "must be an https URL, or a data:image/png or data:image/svg+xml base64 URI");
        }
    }

    private static boolean startsWith(byte[] data, byte[] prefix) {
        if (data.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (data[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean looksLikeSvg(byte[] data) {
        String head = new String(data, 0, Math.min(data.length, 1024), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
        return head.contains("<svg");
    }
}
