package io.tenantra.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TenantSettingsPolicyTest {

    private final Violations violations = new Violations();

    private TenantSettings merge(TenantSettings current, Map<String, ?> patch) {
        return TenantSettingsPolicy.merge(current, patch, 100, violations);
    }

    private List<String> fields() {
        return violations.list().stream().map(Violations.Violation::field).toList();
    }

    private static Map<String, Object> patch(String key, Object value) {
        Map<String, Object> patch = new HashMap<>();
        patch.put(key, value);
        return patch;
    }

    @Test
    void noPatchKeepsTheCurrentSettings() {
        TenantSettings current = new TenantSettings(true, 12, 30, List.of("scans"));
        assertThat(merge(current, null)).isEqualTo(current);
        assertThat(merge(current, Map.of())).isEqualTo(current);
        assertThat(violations.isEmpty()).isTrue();
    }

    @Test
    void everyKnownKeyCanBeSet() {
        TenantSettings merged = merge(
                TenantSettings.DEFAULTS,
                Map.of(
                        "mfaRequired",
                        true,
                        "passwordMinLength",
                        14,
                        "sessionTimeoutMinutes",
                        60,
                        "enabledModules",
                        List.of("scans", "compliance")));

        assertThat(violations.isEmpty()).isTrue();
        assertThat(merged).isEqualTo(new TenantSettings(true, 14, 60, List.of("scans", "compliance")));
    }

    @Test
    void keysNotMentionedStayAndNullRemovesAKey() {
        TenantSettings current = new TenantSettings(true, 12, 30, List.of("scans"));
        Map<String, Object> patch = patch("passwordMinLength", null);
        patch.put("mfaRequired", null);

        TenantSettings merged = merge(current, patch);

        assertThat(violations.isEmpty()).isTrue();
        assertThat(merged).isEqualTo(new TenantSettings(false, null, 30, List.of("scans")));
        assertThat(merged.toMap()).containsOnlyKeys("mfaRequired", "sessionTimeoutMinutes", "enabledModules");
    }

    @Test
    void unknownKeysAreRefusedAndNamed() {
        merge(TenantSettings.DEFAULTS, Map.of("mfaRequried", true, "theme", "dark", "mfaRequired", true));

        assertThat(fields()).containsExactly("settings.mfaRequried", "settings.theme");
        assertThat(violations.detail()).contains("Unknown settings: mfaRequried, theme");
    }

    @Test
    void mfaRequiredMustBeABoolean() {
        for (Object value : List.of("true", 1, List.of(true))) {
            Violations own = new Violations();
            TenantSettingsPolicy.merge(TenantSettings.DEFAULTS, patch("mfaRequired", value), 10, own);
            assertThat(own.list()).as(String.valueOf(value)).hasSize(1);
        }
    }

    @Test
    void passwordMinLengthIsAWholeNumberFrom8To128() {
        for (Object ok : List.of(8, 128, 8L)) {
            Violations own = new Violations();
            TenantSettings merged =
                    TenantSettingsPolicy.merge(TenantSettings.DEFAULTS, patch("passwordMinLength", ok), 10, own);
            assertThat(own.isEmpty()).as(String.valueOf(ok)).isTrue();
            assertThat(merged.passwordMinLength()).isEqualTo(((Number) ok).intValue());
        }
        for (Object bad : List.of(7, 129, -1, 12.0, 12.5, "12", true, Long.MAX_VALUE, BigInteger.TEN.pow(30))) {
            Violations own = new Violations();
            TenantSettingsPolicy.merge(TenantSettings.DEFAULTS, patch("passwordMinLength", bad), 10, own);
            assertThat(own.list())
                    .as(String.valueOf(bad))
                    .extracting(Violations.Violation::field)
                    .containsExactly("settings.passwordMinLength");
        }
    }

    @Test
    void sessionTimeoutIsFrom5MinutesToADay() {
        assertThat(merge(TenantSettings.DEFAULTS, patch("sessionTimeoutMinutes", 5))
                        .sessionTimeoutMinutes())
                .isEqualTo(5);
        assertThat(merge(TenantSettings.DEFAULTS, patch("sessionTimeoutMinutes", 1440))
                        .sessionTimeoutMinutes())
                .isEqualTo(1440);
        assertThat(violations.isEmpty()).isTrue();
        merge(TenantSettings.DEFAULTS, patch("sessionTimeoutMinutes", 4));
        merge(TenantSettings.DEFAULTS, patch("sessionTimeoutMinutes", 1441));
        assertThat(fields()).containsExactly("settings.sessionTimeoutMinutes", "settings.sessionTimeoutMinutes");
    }

    @Test
    void enabledModulesAreUpTo50ValidNamesWithRepeatsDropped() {
        List<String> fifty = IntStream.range(0, 50).mapToObj(i -> "m" + i).toList();
        assertThat(merge(TenantSettings.DEFAULTS, patch("enabledModules", fifty))
                        .enabledModules())
                .hasSize(50);
        String longest = "a" + "b".repeat(40);
        assertThat(merge(TenantSettings.DEFAULTS, patch("enabledModules", List.of("scans", longest, "scans")))
                        .enabledModules())
                .containsExactly("scans", longest);
        assertThat(merge(TenantSettings.DEFAULTS, patch("enabledModules", List.of()))
                        .enabledModules())
                .isEmpty();
        assertThat(violations.isEmpty()).isTrue();

        merge(
                TenantSettings.DEFAULTS,
                patch(
                        "enabledModules",
                        IntStream.range(0, 51).mapToObj(i -> "m" + i).toList()));
        merge(TenantSettings.DEFAULTS, patch("enabledModules", "scans"));
        merge(TenantSettings.DEFAULTS, patch("enabledModules", List.of("ok", "Upper", longest + "c", "1st", 7, "x")));
        assertThat(fields())
                .containsExactly(
                        "settings.enabledModules",
                        "settings.enabledModules",
                        "settings.enabledModules[1]",
                        "settings.enabledModules[2]",
                        "settings.enabledModules[3]",
                        "settings.enabledModules[4]",
                        "settings.enabledModules[5]");
    }

    @Test
    void anOversizedDocumentIsRefusedWholeWithOneClearMessage() {
        TenantSettingsPolicy.merge(
                TenantSettings.DEFAULTS, Map.of("junk", "x", "mfaRequired", "no"), 16 * 1024 + 1, violations);

        assertThat(violations.list()).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("settings");
            assertThat(v.message()).contains("16384");
        });
        TenantSettingsPolicy.merge(TenantSettings.DEFAULTS, Map.of("mfaRequired", true), 16 * 1024, new Violations());
    }

    @Test
    void storedSettingsFromANewerVersionAreReadWithoutTheirUnknownKeys() {
        TenantSettings read = TenantSettingsPolicy.fromStored(Map.of("mfaRequired", true, "futureKey", 1));
        assertThat(read).isEqualTo(new TenantSettings(true, null, null, null));
        assertThat(TenantSettingsPolicy.fromStored(Map.of())).isEqualTo(TenantSettings.DEFAULTS);
    }
}
