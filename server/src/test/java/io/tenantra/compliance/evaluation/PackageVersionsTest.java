package io.tenantra.compliance.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Version ordering of dpkg and rpm. The dpkg pairs are also put to {@code dpkg --compare-versions}
 * when this machine has dpkg, so our ordering is checked against the real one, not only against
 * what we believe it to be.
 */
class PackageVersionsTest {

    /** a, b, the sign of compare(a, b). */
    private static final List<String[]> DPKG_PAIRS = List.of(
            pair("1.0", "1.0", 0),
            pair("1.0", "1.0-0", 0),
            pair("1.0", "1.1", -1),
            pair("1.10", "1.9", 1),
            pair("1.0~rc1", "1.0", -1),
            pair("1.0~~", "1.0~", -1),
            pair("1.0~", "1.0", -1),
            pair("1.0", "1.0a", -1),
            pair("1.0a", "1.0+", -1),
            pair("1.0+", "1.0.", -1),
            pair("1.0-1", "1.0-1+deb12u1", -1),
            pair("3.0.11-1~deb12u2", "3.0.11-1", -1),
            pair("1:1.0", "2.0", 1),
            pair("0:2.0", "2.0", 0),
            pair("2.36-9+deb12u7", "2.36-9+deb12u10", -1),
            pair("1.2.3-4-5", "1.2.3-4-6", -1),
            pair("1.2.3-4-5", "1.2.3-5", 1),
            pair("001", "1", 0),
            pair("1.002", "1.2", 0),
            pair("9.2p1-2+deb12u3", "9.2p1-2+deb12u4", -1),
            pair("1:9.2p1-2", "9.3", 1),
            pair("20230311", "20230311.0", -1),
            pair("1.0-0ubuntu1", "1.0-0ubuntu0.1", 1),
            pair("a", "b", -1),
            pair("1.0+dfsg", "1.0", 1),
            pair("7.88.1-10+deb12u8", "7.88.1-10+deb12u12", -1));

    private static String[] pair(String a, String b, int sign) {
        return new String[] {a, b, Integer.toString(sign)};
    }

    @Test
    void dpkgOrdering() {
        for (String[] pair : DPKG_PAIRS) {
            assertThat(PackageVersions.dpkg(pair[0], pair[1]))
                    .as("dpkg %s vs %s", pair[0], pair[1])
                    .isEqualTo(Integer.parseInt(pair[2]));
            assertThat(PackageVersions.dpkg(pair[1], pair[0])).isEqualTo(-Integer.parseInt(pair[2]));
        }
    }

    @Test
    void dpkgOrderingAgreesWithDpkgItselfWhenPresent() throws Exception {
        Path dpkg = Path.of("/usr/bin/dpkg");
        if (!Files.isExecutable(dpkg)) {
            return; // no dpkg on this machine: dpkgOrdering() still pins the expected answers
        }
        for (String[] pair : DPKG_PAIRS) {
            int real = dpkgSays(pair[0], "lt", pair[1]) ? -1 : dpkgSays(pair[0], "eq", pair[1]) ? 0 : 1;
            assertThat(PackageVersions.dpkg(pair[0], pair[1]))
                    .as("dpkg --compare-versions %s ? %s", pair[0], pair[1])
                    .isEqualTo(real);
        }
    }

    private static boolean dpkgSays(String a, String op, String b) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("/usr/bin/dpkg", "--compare-versions", a, op, b)
                .redirectErrorStream(true)
                .start();
        process.getInputStream().readAllBytes();
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        return process.exitValue() == 0;
    }

    @ParameterizedTest(name = "rpm {0} vs {1} -> {2}")
    @CsvSource({
        "1.0, 1.0, 0",
        "1.0, 1.0.1, -1",
        "1.0a, 1.0, 1",
        "1.0~rc1, 1.0, -1",
        "1.0^, 1.0, 1",
        "1.0^git1, 1.01, -1",
        "1.0^git1, 1.0~rc1, 1",
        "1.0.1, 1.0a, 1",
        "2_0, 2.0, 0",
        "1.0010, 1.9, 1",
        "1.05, 1.5, 0",
        "a, 1, -1",
        "1:1.0-1, 2.0-1, 1",
        "1.0.2k-25.el7_9, 1.0.2k-19.el7, 1",
        "5.14.0-427.13.1.el9_4, 5.14.0-427.el9, 1",
        "1.0-1, 1.0, 0",
        "FC5, fc4, -1",
    })
    void rpmOrdering(String a, String b, int sign) {
        assertThat(PackageVersions.rpm(a, b)).isEqualTo(sign);
        assertThat(PackageVersions.rpm(b, a)).isEqualTo(-sign);
        assertThat(PackageVersions.compare("rpm", a, b)).isEqualTo(sign);
    }

    @Test
    void onlyKnownManagersHaveAnOrdering() {
        assertThat(PackageVersions.supports("dpkg")).isTrue();
        assertThat(PackageVersions.supports("RPM")).isTrue();
        assertThat(PackageVersions.supports("apk")).isFalse();
        assertThat(PackageVersions.supports(null)).isFalse();
        assertThatThrownBy(() -> PackageVersions.compare("homebrew", "1", "2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("homebrew");
    }
}
