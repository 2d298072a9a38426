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
    void sysctlsAgainstExpectationsTaintModulesAndTempMountOptions() {
        ModuleResult result = Fixture.of("kernel", temp).run(new KernelModule());

        assertThat(result.status()).isEqualTo(ModuleStatus.OK);
        assertThat(attrs(result, "sysctl", "kernel.randomize_va_space"))
                .containsEntry("value", "2")
                .containsEntry("compliant", true);
        assertThat(attrs(result, "sysctl", "kernel.kptr_restrict"))
                .containsEntry("compliant", false)
                .containsEntry("expected", ">= 1");
        assertThat(attrs(result, "sysctl", "net.ipv6.conf.all.accept_source_route"))
                .containsEntry("present", false)
                .doesNotContainKey("compliant");
        assertThat(hasRisk(result, "kernel.sysctl_noncompliant", "kernel.kptr_restrict"))
                .isTrue();
        assertThat(hasRisk(result, "kernel.sysctl_noncompliant", "net.ipv4.conf.all.rp_filter"))
                .isFalse(); // 2 >= 1
        assertThat(hasRisk(result, "kernel.sysctl_noncompliant", "kernel.sysrq"))
                .isTrue();
        assertThat(attrs(result, "sysctl", "kernel.tainted"))
                .containsEntry("taintReasons", List.of("out-of-tree module", "unsigned module"));
        assertThat(keys(result, "kernel_module")).containsExactly("nf_tables", "sctp", "vboxdrv");
        assertThat(attrs(result, "kernel_module", "nf_tables"))
                .containsEntry("usedBy", List.of("nft_chain_nat", "nft_compat"))
                .containsEntry("sizeBytes", 303104L);
        assertThat(hasRisk(result, "kernel.uncommon_module_loaded", "sctp")).isTrue();
        assertThat(attrs(result, "mount_options", "/tmp")).containsEntry("missingOptions", List.of());
        assertThat(attrs(result, "mount_options", "/dev/shm")).containsEntry("missingOptions", List.of("noexec"));
        assertThat(hasRisk(result, "kernel.mount_option_missing", "/dev/shm")).isTrue();
        assertThat(attrs(result, "mount_options", "/var/tmp")).containsEntry("separateMount", false);
        assertThat(hasRisk(result, "kernel.tmp_not_separate", "/var/tmp")).isTrue();
    }

    @Test
    void unreadableSettingsArePartialAndAbsentModuleSupportIsAFact() {
        Fixture f = Fixture.of("kernel", temp).deny("/proc/sys/kernel/randomize_va_space");
        f.write("/proc/modules", "");
        ModuleResult result = f.run(new KernelModule());
        assertThat(result.status()).isEqualTo(ModuleStatus.PARTIAL);
        assertThat(result.messages()).contains("cannot read /proc/sys/kernel/randomize_va_space: permission denied");
        assertThat(keys(result, "kernel_module")).isEmpty();
    }

    @Test
    void junkValuesAreReportedNotJudged() {
        Fixture f = Fixture.of("kernel", temp)
                .write("/proc/sys/kernel/kptr_restrict", new byte[] {(byte) 0xff, 'x', '\n'})
                .write("/proc/modules", "short\n\n" + "x ".repeat(3) + "\n");
        ModuleResult result = f.run(new KernelModule());
        assertThat(attrs(result, "sysctl", "kernel.kptr_restrict"))
                .containsEntry("value", "\uFFFDx")
                .doesNotContainKey("compliant");
        assertThat(hasRisk(result, "kernel.sysctl_noncompliant", "kernel.kptr_restrict"))
                .isFalse();
        assertThat(keys(result, "kernel_module")).isEmpty();
    }
}
