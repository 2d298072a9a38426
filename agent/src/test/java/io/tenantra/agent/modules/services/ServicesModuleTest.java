package io.tenantra.agent.modules.services;

import static io.tenantra.agent.modules.Results.attrs;
import static io.tenantra.agent.modules.Results.hasRisk;
import static io.tenantra.agent.modules.Results.keys;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.agent.modules.Fixture;
import io.tenantra.agent.modules.ModuleLimits;
import io.tenantra.model.ModuleResult;
import io.tenantra.model.ModuleStatus;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServicesModuleTest {

    @TempDir
    Path temp;

    static final String LIST_UNITS = "systemctl list-units --all --output=json --no-pager";
    static final String LIST_UNIT_FILES = "systemctl list-unit-files --no-legend --no-pager";

    private Fixture fixture() {
        return Fixture.of("services", temp)
                .link(
                        "/etc/systemd/system/multi-user.target.wants/custom.service",
                        "/etc/systemd/system/custom.service")
                .link("/etc/systemd/system/multi-user.target.wants/ssh.service", "/lib/systemd/system/ssh.service")
                .link("/etc/systemd/system/sshd.service", "/lib/systemd/system/ssh.service")
                .link("/etc/systemd/system/getty.target.wants/getty@tty1.service", "/lib/systemd/system/getty@.service")
                .link("/etc/systemd/system/masked.service", "/dev/null")
                .link("/etc/rc2.d/S01legacy-app", "../init.d/legacy-app");
    }

    @Test
    void unitsWithExecStartDropInsEnablementRuntimeStateAndPackage() {
        Fixture f = fixture();
        f.commands().recordFile(LIST_UNITS, f.path("/list-units.json"));
        ModuleResult result = f.run(new ServicesModule());

        assertThat(result.status()).isEqualTo(ModuleStatus.OK);
        assertThat(keys(result, "systemd_unit"))
                .containsExactly(
                        "custom.service",
                        "getty@.service",
                        "masked.service",
                        "ssh.service",
                        "systemd-journald.service",
                        "telnet.socket");
        assertThat(attrs(result, "systemd_unit", "custom.service"))
                .containsEntry("execStart", List.of("/opt/custom/bin/run --port 8080 --verbose"))
                .containsEntry("user", "app")
                .containsEntry("type", "notify")
                .containsEntry("enabledState", "enabled")
                .containsEntry("activeState", "failed")
                .doesNotContainKey("package");
        assertThat(attrs(result, "systemd_unit", "ssh.service"))
                .containsEntry(
                        "execStart", List.of("/usr/sbin/sshd -D -o LogLevel=VERBOSE")) // drop-in reset and replaced it
                .containsEntry("dropIns", List.of("/etc/systemd/system/ssh.service.d/override.conf"))
                .containsEntry("unitFile", "/lib/systemd/system/ssh.service")
                .containsEntry("package", "openssh-server")
                .containsEntry("subState", "running");
        assertThat(attrs(result, "systemd_unit", "masked.service")).containsEntry("enabledState", "masked");
        assertThat(attrs(result, "systemd_unit", "getty@.service"))
                .containsEntry("enabledState", "enabled")
                .containsEntry("template", true);
        assertThat(attrs(result, "systemd_unit", "systemd-journald.service")).containsEntry("enabledState", "static");
        assertThat(attrs(result, "systemd_unit", "telnet.socket")).containsEntry("listen", List.of("23"));
        assertThat(hasRisk(result, "services.unpackaged", "custom.service")).isTrue();
        assertThat(hasRisk(result, "services.unpackaged", "ssh.service")).isFalse();
        assertThat(hasRisk(result, "services.exec_missing", "custom.service")).isTrue();
        assertThat(hasRisk(result, "services.risky_service", "telnet.socket")).isFalse(); // not enabled by a link here
        assertThat(keys(result, "sysv_script")).containsExactly("legacy-app", "procps");
        assertThat(attrs(result, "sysv_script", "legacy-app"))
                .containsEntry("startRunlevels", List.of("2"))
                .containsEntry("systemdNative", false);
        assertThat(attrs(result, "sysv_script", "procps")).containsEntry("package", "procps");
    }

    @Test
    void listUnitFilesIsAuthoritativeForEnablementWhenItRuns() {
        Fixture f = fixture();
        f.commands().recordFile(LIST_UNIT_FILES, f.path("/list-unit-files.txt"));
        ModuleResult result = f.run(new ServicesModule());
        assertThat(attrs(result, "systemd_unit", "telnet.socket")).containsEntry("enabledState", "enabled");
        assertThat(hasRisk(result, "services.risky_service", "telnet.socket")).isTrue();
        assertThat(result.messages()).contains("systemctl not installed: runtime unit states unknown");
    }

    @Test
    void noSystemdIsAFactButAFailingSystemctlIsPartial() {
        Fixture f = fixture();
        f.commands()
                .fail(LIST_UNITS, 1, "System has not been booted with systemd as init system (PID 1). Can't operate.");
        assertThat(f.run(new ServicesModule()).status()).isEqualTo(ModuleStatus.OK);

        Fixture g = fixture();
        g.commands().fail(LIST_UNITS, 126, "systemctl: Permission denied");
        ModuleResult result = g.run(new ServicesModule());
        assertThat(result.status()).isEqualTo(ModuleStatus.PARTIAL);
        assertThat(result.messages()).contains("systemctl list-units failed: exit 126: systemctl: Permission denied");
    }

    @Test
    void garbledUnitsLinkLoopsAndBadJsonAreSurvived() {
        Fixture f = fixture()
                .write("/etc/systemd/system/junk.service", new byte[] {
                    '[',
                    'S',
                    'e',
                    'r',
                    'v',
                    'i',
                    'c',
                    'e',
                    ']',
                    '\n',
                    'E',
                    'x',
                    'e',
                    'c',
                    'S',
                    't',
                    'a',
                    'r',
                    't',
                    '=',
                    '/',
                    'b',
                    (byte) 0xff,
                    '\n',
                    '=',
                    '\n',
                    '[',
                    '\n'
                })
                .link("/etc/systemd/system/loop.service", "/etc/systemd/system/loop2.service")
                .link("/etc/systemd/system/loop2.service", "/etc/systemd/system/loop.service")
                .write("/lib/systemd/system/huge.service", "[Service]\nExecStart=/bin/true\n" + "#".repeat(5000))
                .limits(ModuleLimits.defaults().withMaxFileBytes(4096));
        f.commands().record(LIST_UNITS, io.tenantra.agent.modules.CommandResult.ok("{not json"));
        ModuleResult result = f.run(new ServicesModule());
        assertThat(result.status()).isEqualTo(ModuleStatus.PARTIAL);
        assertThat(attrs(result, "systemd_unit", "junk.service")).containsEntry("execStart", List.of("/b\uFFFD"));
        assertThat(result.messages()).contains("systemctl list-units output is not the expected JSON");
        assertThat(keys(result, "systemd_unit")).contains("huge.service");
    }
}
