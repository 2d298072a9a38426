package io.tenantra.agent.modules.system;

import static io.tenantra.agent.modules.Results.attrs;
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

class SystemModuleTest {

    @TempDir
    Path temp;

    @Test
    void readsOsKernelHostCpuMemoryHardwareDisksAndMountsFromTheTree() {
        ModuleResult result = Fixture.of("system", temp).run(new SystemModule());

        assertThat(result.status()).isEqualTo(ModuleStatus.OK);
        assertThat(attrs(result, "os", "os"))
                .containsEntry("id", "debian")
                .containsEntry("versionId", "12")
                .containsEntry("prettyName", "Debian GNU/Linux 12 (bookworm)");
        assertThat(attrs(result, "kernel", "kernel"))
                .containsEntry("release", "6.1.0-27-amd64")
                .containsEntry("architecture", "x86_64");
        assertThat(attrs(result, "host", "host"))
                .containsEntry("hostname", "web-01") // normalised to lower case
                .containsEntry("bootTime", "2026-11-21T09:47:00Z") // btime 1795254424 cut to the minute
                .containsEntry("timezone", "Europe/Berlin")
                .doesNotContainKey("domainName");
        assertThat(attrs(result, "cpu", "cpu"))
                .containsEntry("logicalProcessors", 4)
                .containsEntry("physicalCores", 2)
                .containsEntry("hypervisor", true)
                .doesNotContainKey("mhz");
        assertThat(attrs(result, "memory", "memory"))
                .containsEntry("totalBytes", 16303412L * 1024)
                .containsEntry("swapTotalBytes", 2097148L * 1024);
        assertThat(attrs(result, "hardware", "hardware"))
                .containsEntry("vendor", "QEMU")
                .containsEntry("serial", "SER-123")
                .containsEntry("uuid", "abcdef01-2345-6789-abcd-ef0123456789");
        assertThat(keys(result, "disk")).containsExactly("sda"); // loop devices are not disks
        assertThat(attrs(result, "disk", "sda"))
                .containsEntry("sizeBytes", 41943040L * 512)
                .containsEntry("model", "QEMU HARDDISK")
                .containsEntry("rotational", false);
        assertThat(keys(result, "mount")).containsExactly("/", "/dev/shm", "/run", "/srv/my data", "/tmp"); // no proc
        assertThat(attrs(result, "mount", "/tmp"))
                .containsEntry("stacked", 2)
                .containsEntry("options", List.of("rw", "nosuid", "nodev", "noexec", "relatime"));
    }

    @Test
    void unreadableSourcesMakeThePartsUnknownAndTheResultPartial() {
        Fixture f = Fixture.of("system", temp).deny("/etc/os-release", "/proc/cpuinfo");
        ModuleResult result = f.run(new SystemModule());
        assertThat(result.status()).isEqualTo(ModuleStatus.PARTIAL);
        assertThat(result.messages())
                .contains(
                        "cannot read /etc/os-release: permission denied",
                        "cannot read /proc/cpuinfo: permission denied");
        assertThat(attrs(result, "memory", "memory")).containsKey("totalBytes");
    }

    @Test
    void hostileInputIsParsedLenientlyAndCappedFilesAreReported() {
        Fixture f = Fixture.of("system", temp)
                .write("/etc/os-release", new byte[] {
                    'N',
                    'A',
                    'M',
                    'E',
                    '=',
                    '"',
                    'D',
                    (byte) 0xff,
                    'x',
                    '"',
                    '\n',
                    '=',
                    '=',
                    '\n',
                    'j',
                    'u',
                    'n',
                    'k',
                    '\n'
                })
                .write("/proc/cpuinfo", "processor\t: 0\nmodel name\t: " + "A".repeat(3000) + "\n")
                .write("/proc/mounts", "garbage\n/dev/sda1 / ext4 rw 0 0\n\n   \n")
                .limits(ModuleLimits.defaults().withMaxFileBytes(1000));
        ModuleResult result = f.run(new SystemModule());
        assertThat(attrs(result, "os", "os")).containsEntry("name", "D\uFFFDx");
        assertThat(keys(result, "mount")).containsExactly("/");
        assertThat(result.status()).isEqualTo(ModuleStatus.PARTIAL);
        assertThat(result.messages()).anyMatch(m -> m.contains("/proc/cpuinfo: larger than the size cap"));
    }
}
