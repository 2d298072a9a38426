package io.tenantra.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TenantBrandingPolicyTest {

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private static List<String> problems(Map<String, ?> patch) {
        Violations violations = new Violations();
        TenantBrandingPolicy.merge(TenantBranding.NONE, patch, violations);
        return violations.list().stream().map(Violations.Violation::field).toList();
    }

    private static String png(int size) {
        byte[] image = new byte[size];
        System.arraycopy(PNG_SIGNATURE, 0, image, 0, PNG_SIGNATURE.length);
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(image);
    }

    private static String svg(String markup) {
        return "data:image/svg+xml;base64,"
                + Base64.getEncoder().encodeToString(markup.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void validBrandingIsTakenAsIs() {
        Violations violations = new Violations();
        TenantBranding merged = TenantBrandingPolicy.merge(
                TenantBranding.NONE,
                Map.of("displayName", "Acme", "logoUrl", "https://cdn.example.com/a.png", "primaryColor", "#0a0B0c"),
                violations);

        assertThat(violations.isEmpty()).isTrue();
        assertThat(merged).isEqualTo(new TenantBranding("Acme", "https://cdn.example.com/a.png", "#0a0B0c"));
    }

    @Test
    void nullRemovesAPartAndUnmentionedPartsStay() {
        Map<String, Object> patch = new HashMap<>();
        patch.put("logoUrl", null);
        TenantBranding merged = TenantBrandingPolicy.merge(
                new TenantBranding("Acme", "https://x.example/l.png", "#000000"), patch, new Violations());
        assertThat(merged).isEqualTo(new TenantBranding("Acme", null, "#000000"));
        assertThat(merged.toMap()).containsOnlyKeys("displayName", "primaryColor");
    }

    @Test
    void onlyHttpsUrlsWithAHostAndNoCredentials() {
        assertThat(problems(Map.of("logoUrl", "https://example.com/logo.svg"))).isEmpty();
        for (String bad : List.of(
                "http://example.com/logo.png",
                "ftp://example.com/logo.png",
                "javascript:alert(1)",
                "https:///nohost",
                "https://user:pw@example.com/logo.png",
                "not a url",
                "https://example.com/" + "a".repeat(2048))) {
            assertThat(problems(Map.of("logoUrl", bad))).as(bad).containsExactly("branding.logoUrl");
        }
    }

    @Test
    void inlineLogosArePngOrSvgOfAtMost100Kilobytes() {
        assertThat(problems(Map.of("logoUrl", png(100 * 1024)))).isEmpty();
        assertThat(problems(
                        Map.of("logoUrl", svg("<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"/>"))))
                .isEmpty();

        assertThat(problems(Map.of("logoUrl", png(100 * 1024 + 1)))).containsExactly("branding.logoUrl");
        assertThat(problems(Map.of("logoUrl", "data:image/png;base64,"))).containsExactly("branding.logoUrl");
        assertThat(problems(Map.of("logoUrl", "data:image/png;base64,@@@"))).containsExactly("branding.logoUrl");
        assertThat(problems(Map.of(
                        "logoUrl",
                        "data:image/png;base64," + Base64.getEncoder().encodeToString("GIF89a".getBytes()))))
                .containsExactly("branding.logoUrl");
        assertThat(problems(Map.of("logoUrl", svg("<html><script>alert(1)</script></html>"))))
                .containsExactly("branding.logoUrl");
        assertThat(problems(Map.of("logoUrl", "data:image/gif;base64,R0lGODlh")))
                .containsExactly("branding.logoUrl");
    }

    @Test
    void colorsAreHashAndSixHexDigits() {
        assertThat(problems(Map.of("primaryColor", "#A1b2C3"))).isEmpty();
        for (String bad : List.of("red", "#abc", "#GGGGGG", "A1B2C3", "#A1B2C3FF", " #A1B2C3")) {
            assertThat(problems(Map.of("primaryColor", bad))).as(bad).containsExactly("branding.primaryColor");
        }
    }

    @Test
    void displayNameIsOneTo200Characters() {
        assertThat(problems(Map.of("displayName", "x".repeat(200)))).isEmpty();
        assertThat(problems(Map.of("displayName", "x".repeat(201)))).containsExactly("branding.displayName");
        assertThat(problems(Map.of("displayName", "  "))).containsExactly("branding.displayName");
    }

    @Test
    void unknownPartsAndNonStringsAreRefused() {
        assertThat(problems(Map.of("font", "Comic Sans", "primaryColor", 123, "displayName", List.of("x"))))
                .containsExactlyInAnyOrder("branding.font", "branding.primaryColor", "branding.displayName");
        Violations violations = new Violations();
        TenantBrandingPolicy.merge(TenantBranding.NONE, Map.of("font", "x"), violations);
        assertThat(violations.detail()).contains("Unknown branding fields: font");
    }
}
