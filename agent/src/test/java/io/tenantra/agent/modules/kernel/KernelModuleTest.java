package io.tenantra.agent.modules.kernel;

import static io.tenantra.agent.modules.Results.attrs;
import static io.tenantra.agent.modules.Results.hasRisk;
import static io.tenantra.agent.modules.Results.keys;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.agent.modules.Fixture;
import io.tenantra.model.ModuleResult;
import io.tenantra.model.ModuleStatus;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelModuleTest {

    @TempDir
    Path temp;

    @Test
    void liveSysctlsAreFactsWithoutExpectationsTaintModulesAndMountOptions() {
        ModuleResult result = Fixture.of("kernel", temp).run(new KernelModule());

        assertThat(result.status()).isEqualTo(ModuleStatus.OK);
        assertThat(attrs(result, "sysctl", "kernel.randomize_va_space"))
                .containsEntry("value", "2")
                .containsEntry("present", true)
                .doesNotContainKeys("expected", "compliant");
        assertThat(attrs(result, "sysctl", "kernel.kptr_restrict")).containsEntry("value", "0");
        assertThat(attrs(result, "sysctl", "net.ipv6.conf.all.accept_source_route"))
                .containsEntry("present", false)
                .doesNotContainKey("value");
        assertThat(keys(result, "sysctl"))
                .contains("net.ipv6.conf.all.accept_ra", "net.ipv4.conf.default.log_martians", "fs.suid_dumpable");
        // Thresholds are content on the server now: no judgement of values in the agent.
        assertThat(result.risks()).noneMatch(r -> r.code().equals("kernel.sysctl_noncompliant"));
        assertThat(attrs(result, "sysctl", "kernel.tainted"))
                .containsEntry("taintReasons", List.of("out-of-tree module", "unsigned module"));
        assertThat(hasRisk(result, "kernel.tainted", "kernel.tainted")).isTrue();
        assertThat(keys(result, "kernel_module")).containsExactly("nf_tables", "sctp", "vboxdrv");
        assertThat(attrs(result, "kernel_module", "nf_tables"))
                .containsEntry("usedBy", List.of("nft_chain_nat", "nft_compat"))
                .containsEntry("sizeBytes", 303104L);
        assertThat(result.risks()).noneMatch(r -> r.code().equals("kernel.uncommon_module_loaded"));

        assertThat(attrs(result, "mount_options", "/tmp")).containsEntry("missingOptions", List.of());
        assertThat(attrs(result, "mount_options", "/dev/shm")).containsEntry("missingOptions", List.of("noexec"));
        assertThat(hasRisk(result, "kernel.mount_option_missing", "/dev/shm")).isTrue();
        assertThat(attrs(result, "mount_options", "/var/tmp")).containsEntry("separateMount", false);
        assertThat(hasRisk(result, "kernel.tmp_not_separate", "/var/tmp")).isTrue();
        assertThat(attrs(result, "mount_options", "/var/log"))
                .containsEntry("separateMount", true)
                .containsEntry("device", "/dev/sda2")
                .containsEntry("noexec", true)
                .doesNotContainKey("missingOptions");
        assertThat(attrs(result, "mount_options", "/home"))
                .containsEntry("nodev", true)
                .containsEntry("nosuid", false);
        assertThat(attrs(result, "mount_options", "/var")).containsEntry("separateMount", false);
        assertThat(attrs(result, "mount_options", "/var/log/audit")).containsEntry("separateMount", false);
        assertThat(hasRisk(result, "kernel.mount_option_missing", "/home")).isFalse();
    }

    @Test
    void savedSysctlsFollowSystemdPrecedenceAndSysctlConfComesLast() {
        ModuleResult result = Fixture.of("kernel", temp).run(new KernelModule());

        // 50-default (usr/lib) sets 16, 90-hardening (etc) sets 0, /etc/sysctl.conf last sets 1.
        assertThat(attrs(result, "sysctl_saved", "kernel.sysrq"))
                .containsEntry("value", "1")
                .containsEntry("source", "/etc/sysctl.conf")
                .containsEntry(
                        "sources",
                        List.of(
                                "/usr/lib/sysctl.d/50-default.conf",
                                "/etc/sysctl.d/90-hardening.conf",
                                "/etc/sysctl.conf"));
        // The same file name in /etc hides the one in /usr/lib.
        assertThat(attrs(result, "sysctl_saved", "kernel.dmesg_restrict"))
                .containsEntry("value", "1")
                .containsEntry("source", "/etc/sysctl.d/60-hidden.conf");
        assertThat(attrs(result, "sysctl_saved", "net.ipv4.conf.all.send_redirects"))
                .containsEntry("value", "0"); // "-" prefix dropped
        assertThat(attrs(result, "sysctl_saved", "net.ipv4.conf.default.accept_source_route"))
                .containsEntry("value", "0"); // slashes become dots
        assertThat(attrs(result, "sysctl_saved", "vm.swappiness"))
                .containsEntry("source", "/run/sysctl.d/70-runtime.conf");
        assertThat(keys(result, "sysctl_saved")).noneMatch(k -> k.contains(" "));
    }

    @Test
    void sysctlConfLinkedFromSysctlDIsReadOnceInItsPlace() {
        Fixture f = Fixture.of("kernel", temp).link("/etc/sysctl.d/99-sysctl.conf", "../sysctl.conf");
        f.write("/etc/sysctl.d/99-zzz.conf", "kernel.sysrq = 176\n");
        ModuleResult result = f.run(new KernelModule());
        assertThat(attrs(result, "sysctl_saved", "kernel.sysrq"))
                .containsEntry("value", "176")
                .containsEntry("source", "/etc/sysctl.d/99-zzz.conf");
    }

    @Test
    void modprobeBlacklistsInstallCommandsLoadedAndAvailableModules() {
        ModuleResult result = Fixture.of("kernel", temp).run(new KernelModule());

        assertThat(attrs(result, "modprobe", "cramfs"))
                .containsEntry("blacklisted", true)
                .containsEntry("installCommand", "/bin/false")
                .containsEntry("disabled", true)
                .containsEntry("loaded", false)
                .containsEntry("available", true)
                .containsEntry("builtIn", false)
                .containsEntry("source", "/etc/modprobe.d/cis.conf");
        assertThat(attrs(result, "modprobe", "usb_storage"))
                .containsEntry("installCommand", "/bin/true")
                .containsEntry("disabled", true)
                .containsEntry("blacklisted", false)
                .containsEntry("available", true);
        // /etc/modprobe.d/cis.conf sorts after 10-vendor.conf, so the vendor's install comes first.
        assertThat(attrs(result, "modprobe", "sctp"))
                .containsEntry("installCommand", "/usr/bin/logger sctp wanted")
                .containsEntry("disabled", false)
                .containsEntry("loaded", true);
        assertThat(attrs(result, "modprobe", "dccp"))
                .containsEntry("blacklisted", true)
                .containsEntry("disabled", false)
                .containsEntry("available", false)
                .doesNotContainKey("installCommand");
        assertThat(attrs(result, "modprobe", "udf")).containsEntry("disabled", false);
        assertThat(attrs(result, "modprobe", "squashfs"))
                .containsEntry("builtIn", true)
                .containsEntry("available", true)
                .doesNotContainKey("source");
        assertThat(attrs(result, "modprobe", "pcspkr")).containsEntry("blacklisted", true);
        assertThat(keys(result, "modprobe"))
                .contains("freevxfs", "jffs2", "hfs", "hfsplus", "rds", "tipc")
                .doesNotContain("snd_hda_intel");
    }

    @Test
    void limitsAndCoredumpSettingsWithTheirFiles() {
        ModuleResult result = Fixture.of("kernel", temp).run(new KernelModule());

        assertThat(attrs(result, "limits", "/etc/security/limits.conf: * hard core"))
                .containsEntry("domain", "*")
                .containsEntry("type", "hard")
                .containsEntry("item", "core")
                .containsEntry("value", "0")
                .containsEntry("source", "/etc/security/limits.conf");
        assertThat(keys(result, "limits"))
                .containsExactly(
                        "/etc/security/limits.conf: * hard core",
                        "/etc/security/limits.conf: @students - maxlogins",
                        "/etc/security/limits.d/10-nproc.conf: * soft nproc");
        assertThat(attrs(result, "coredump", "Storage"))
                .containsEntry("value", "none")
                .containsEntry("source", "/etc/systemd/coredump.conf.d/50-cis.conf");
        assertThat(attrs(result, "coredump", "ProcessSizeMax")).containsEntry("value", "0");
    }

    @Test
    void unreadableSettingsArePartialAndAbsentModuleSupportIsAFact() {
        Fixture f = Fixture.of("kernel", temp)
                .deny("/proc/sys/kernel/randomize_va_space", "/etc/modprobe.d/cis.conf", "/etc/sysctl.d");
        f.write("/proc/modules", "");
        ModuleResult result = f.run(new KernelModule());
        assertThat(result.status()).isEqualTo(ModuleStatus.PARTIAL);
        assertThat(result.messages())
                .contains(
                        "cannot read /proc/sys/kernel/randomize_va_space: permission denied",
                        "cannot read /etc/modprobe.d/cis.conf: permission denied",
                        "cannot list /etc/sysctl.d: permission denied");
        assertThat(keys(result, "kernel_module")).isEmpty();
        assertThat(attrs(result, "modprobe", "sctp")).containsEntry("loaded", false);
    }

    @Test
    void junkValuesAreReportedAsObserved() {
        Fixture f = Fixture.of("kernel", temp)
                .write("/proc/sys/kernel/kptr_restrict", new byte[] {(byte) 0xff, 'x', '\n'})
                .write("/proc/modules", "short\n\n" + "x ".repeat(3) + "\n")
                .write(
                        "/etc/sysctl.d/95-junk.conf",
                        new byte[] {'=', '\n', (byte) 0xfe, '=', '1', '\n', 'a', ' ', 'b', '=', '2'})
                .write("/etc/modprobe.d/junk.conf", "install\nblacklist\ninstall onlyname\n")
                .link("/etc/security/limits.d/loop.conf", "loop.conf");
        ModuleResult result = f.run(new KernelModule());
        assertThat(attrs(result, "sysctl", "kernel.kptr_restrict")).containsEntry("value", "\uFFFDx");
        assertThat(keys(result, "kernel_module")).isEmpty();
        assertThat(attrs(result, "sysctl_saved", "\uFFFD")).containsEntry("value", "1");
        assertThat(keys(result, "modprobe")).doesNotContain("onlyname");
        assertThat(result.messages()).anyMatch(m -> m.contains("loop.conf") && m.contains("symbolic link loop"));
    }
}
