package io.tenantra.tenancy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A tenant before and after a requested change, handed to the caller's authorisation check
 * before anything is written: who may make a change depends on what actually changes.
 */
public record TenantDiff(Tenant before, Tenant after) {

    public boolean moved() {
        return !Objects.equals(before.parentId(), after.parentId());
    }

    public boolean statusChanged() {
        return before.status() != after.status();
    }

    public boolean planChanged() {
        return before.plan() != after.plan();
    }

    /** Changes that are made from above: the plan, the status, the place in the tree. */
    public boolean administrative() {
        return moved() || statusChanged() || planChanged();
    }

    public boolean isEmpty() {
        return !administrative() && updatedFields().isEmpty();
    }

    /**
     * The fields a {@code tenant.update} records, each as {@code {"from": .., "to": ..}}: name,
     * plan, settings, branding. Moves and status changes have audit actions of their own.
     */
    public Map<String, Object> updatedFields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        put(fields, "name", before.name(), after.name());
        put(fields, "plan", before.plan().name(), after.plan().name());
        put(fields, "settings", before.settings().toMap(), after.settings().toMap());
        put(fields, "branding", audited(before.branding()), audited(after.branding()));
        return fields;
    }

    private static void put(Map<String, Object> fields, String name, Object from, Object to) {
        if (!Objects.equals(from, to)) {
            fields.put(name, Map.of("from", from, "to", to));
        }
    }

    // An inline logo can be 130 KB of base64: the audit trail records that it changed, not its bytes.
    private static Map<String, Object> audited(TenantBranding branding) {
        Map<String, Object> map = branding.toMap();
        Object logo = map.get(TenantBrandingPolicy.LOGO_URL);
        if (logo instanceof String url && url.startsWith("data:")) {
            map.put(
                    TenantBrandingPolicy.LOGO_URL,
                    url.substring(0, url.indexOf(',') + 1) + "… (" + url.length() + " characters, sha-256 "
                            + sha256(url) + ")");
        }
        return map;
    }

    private static String sha256(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
