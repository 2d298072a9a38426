package io.tenantra.agent.modules.boot;

import static io.tenantra.agent.modules.Results.attrs;
import static io.tenantra.agent.modules.Results.hasRisk;
import static io.tenantra.agent.modules.Results.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.agent.modules.Fixture;
import io.tenantra.model.ModuleResult;
import io.tenantra.model.ModuleStatus;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BootModuleTest {

    @TempDir
    Path temp;

    private static final String SECURE_BOOT = "/sys/firmware/efi/efivars/SecureBoot-" + BootModule.EFI_GLOBAL;

    @Test
    void secureBootGrubPermissionsAndPasswordAndWeakKernelParameters() {
        Fixture f = Fixture.of("boot", temp)
                .write(SECURE_BOOT, new byte[] {6, 0, 0, 0, 1})
                .chmod("/boot/grub/grub.cfg", "0644");
        ModuleResult result = f.run(new BootModule());

        assertThat(result.status()).isEqualTo(ModuleStatus.OK);
        assertThat(attrs(result, "firmware", "firmware"))
                .containsEntry("mode", "uefi")
                .containsEntry("secureBoot", "enabled");
        assertThat(attrs(result, "bootloader", "/boot/grub/grub.cfg"))
                .containsEntry("mode", "0644")
                .containsEntry("passwordSet", false);
        assertThat(hasRisk(result, "boot.grub_config_permissions", "/boot/grub/grub.cfg"))
                .isTrue();
        assertThat(hasRisk(result, "boot.grub_no_password", "/boot/grub/grub.cfg"))
                .isTrue();
        assertThat(hasRisk(result, "boot.weak_cmdline_param", "cmdline")).isTrue();
        assertThat(result.risks().stream()
                        .filter(r -> r.code().equals("boot.weak_cmdline_param"))
                        .findFirst()
                        .orElseThrow()
                        .reason())
                .contains("mitigations=off")
                .contains("apparmor=0");
    }

    @Test
    void aPasswordIsDetectedButNeverReported() {
        Fixture f = Fixture.of("boot", temp)
                .write(
                        "/etc/grub.d/01_users",
                        "cat <<EOF\nset superusers=\"admin\"\npassword_pbkdf2 admin grub.pbkdf2.sha512.10000.DEADBEEFSECRET\nEOF\n")
                .chmod("/boot/grub/grub.cfg", "0600");
        ModuleResult result = f.run(new BootModule());
        assertThat(attrs(result, "bootloader", "/boot/grub/grub.cfg")).containsEntry("passwordSet", true);
        assertThat(hasRisk(result, "boot.grub_no_password", "/boot/grub/grub.cfg"))
                .isFalse();
        assertThat(json(result)).doesNotContain("DEADBEEF");
        assertThat(attrs(result, "firmware", "firmware")).containsEntry("mode", "bios");
    }

    @Test
    void unreadableEfivarsArePartialAndGarbageIsTolerated() {
        Fixture f = Fixture.of("boot", temp)
                .write(SECURE_BOOT, new byte[] {6, 0, 0, 0, 0})
                .deny(SECURE_BOOT)
                .write("/proc/cmdline", new byte[] {'r', 'o', (byte) 0xff, ' ', ' ', '\n'})
                .write("/boot/grub/grub.cfg", new byte[] {(byte) 0xc0, (byte) 0xc1, 0, 0, '\n'});
        ModuleResult result = f.run(new BootModule());
        assertThat(result.status()).isEqualTo(ModuleStatus.PARTIAL);
        assertThat(attrs(result, "firmware", "firmware")).containsEntry("secureBoot", "unknown");
        assertThat(attrs(result, "kernel_cmdline", "cmdline")).containsEntry("cmdline", "ro\uFFFD");
    }
}
