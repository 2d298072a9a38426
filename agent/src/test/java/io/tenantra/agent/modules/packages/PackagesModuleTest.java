package io.tenantra.agent.modules.packages;

import static io.tenantra.agent.modules.Results.attrs;
import static io.tenantra.agent.modules.Results.hasRisk;
import static io.tenantra.agent.modules.Results.keys;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.agent.modules.Fixture;
import io.tenantra.agent.modules.ModuleLimits;
import io.tenantra.model.ModuleResult;
import io.tenantra.model.ModuleStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackagesModuleTest {

    @TempDir
    Path temp;

    private static final String RPM = "rpm -qa --queryformat " + PackagesModule.RPM_FORMAT;

    @Test
    void dpkgApkAndRpmPackagesWithNameVersionArchitectureAndSource() throws Exception {
        Fixture f = Fixture.of("packages", temp);
        Files.createDirectories(f.path("/var/lib/rpm"));
        f.commands().recordFile(RPM, f.path("/rpm-qa.txt"));
        ModuleResult result = f.run(new PackagesModule());

        assertThat(result.status()).isEqualTo(ModuleStatus.OK);
        assertThat(keys(result, "package"))
                .containsExactly(
                        "apk:busybox:x86_64",
                        "apk:musl:x86_64",
                        "dpkg:bash:amd64",
                        "dpkg:brokenpkg:amd64",
                        "dpkg:libc6:amd64",
                        "dpkg:libc6:i386",
                        "rpm:bash:x86_64",
                        "rpm:gpg-pubkey:noarch",
                        "rpm:openssl-libs:x86_64");
        assertThat(attrs(result, "package", "dpkg:bash:amd64"))
                .containsEntry("version", "5.2.15-2+b7")
                .containsEntry("essential", true)
                .containsEntry("state", "installed")
                .containsEntry("manager", "dpkg");
        assertThat(attrs(result, "package", "dpkg:libc6:i386")).containsEntry("sourcePackage", "glibc");
        assertThat(attrs(result, "package", "rpm:openssl-libs:x86_64"))
                .containsEntry("version", "1:3.0.7-27.el9")
                .containsEntry("vendor", "Red Hat, Inc.");
        assertThat(attrs(result, "package", "apk:musl:x86_64")).containsEntry("version", "1.2.4-r2");
        assertThat(hasRisk(result, "packages.broken_state", "dpkg:brokenpkg:amd64"))
                .isTrue();
    }

    @Test
    void anRpmDatabaseWithoutAWorkingRpmAndAnUnreadableDpkgStatusArePartial() throws Exception {
        Fixture f = Fixture.of("packages", temp).deny("/var/lib/dpkg/status");
        Files.createDirectories(f.path("/var/lib/rpm"));
        ModuleResult result = f.run(new PackagesModule()); // rpm is not recorded: 127
        assertThat(result.status()).isEqualTo(ModuleStatus.PARTIAL);
        assertThat(result.messages())
                .contains(
                        "cannot read /var/lib/dpkg/status: permission denied",
                        "rpm database present but `rpm -qa` failed: exit 127: rpm: command not found");
        assertThat(keys(result, "package")).containsExactly("apk:busybox:x86_64", "apk:musl:x86_64");
    }

    @Test
    void aHugeOrGarbledStatusFileIsReadUpToTheCap() {
        StringBuilder status = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            status.append("Package: pkg")
                    .append(i)
                    .append("\nStatus: install ok installed\nArchitecture: amd64\nVersion: 1\n\n");
        }
        status.append("Package: \u00ff\u00fe\nbroken line without colon\n\u0000\u0000\n");
        Fixture f = Fixture.of("packages", temp)
                .write("/var/lib/dpkg/status", status.toString())
                .limits(ModuleLimits.defaults().withMaxFileBytes(1024));
        ModuleResult result = f.run(new PackagesModule());
        assertThat(result.status()).isEqualTo(ModuleStatus.PARTIAL);
        assertThat(result.messages()).anyMatch(m -> m.contains("/var/lib/dpkg/status: larger than the size cap"));
        assertThat(keys(result, "package")).hasSizeBetween(10, 2000);
    }
}
