package io.tenantra.agent.modules.processes;

import static io.tenantra.agent.modules.Results.attrs;
import static io.tenantra.agent.modules.Results.hasRisk;
import static io.tenantra.agent.modules.Results.keys;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.agent.modules.Fixture;
import io.tenantra.agent.modules.Sha256;
import io.tenantra.model.ModuleResult;
import io.tenantra.model.ModuleStatus;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessesModuleTest {

    @TempDir
    Path temp;

    private Fixture fixture() {
        return Fixture.of("processes", temp)
                .link("/proc/1/exe", "/sbin/init")
                .link("/proc/100/exe", "/usr/sbin/nginx")
                .link("/proc/101/exe", "/usr/sbin/nginx")
                .link("/proc/200/exe", "/tmp/.x/miner");
    }

    @Test
    void processesWithParentUserExecutableCommandLineAndHash() {
        ModuleResult result = fixture().run(new ProcessesModule());

        assertThat(result.status()).isEqualTo(ModuleStatus.OK);
        assertThat(keys(result, "process"))
                .containsExactly("1", "100", "101", "200"); // kernel threads 2 and 3 left out
        assertThat(attrs(result, "process", "101"))
                .containsEntry("name", "nginx")
                .containsEntry("ppid", 100L)
                .containsEntry("parentName", "nginx")
                .containsEntry("user", "www-data")
                .containsEntry("exe", "/usr/sbin/nginx")
                .containsEntry("cmdline", "nginx: worker process")
                .containsEntry("sha256", Sha256.of("nginx binary\n"));
        assertThat(attrs(result, "process", "1")).containsEntry("cmdline", "/sbin/init splash");
        assertThat(attrs(result, "process", "200"))
                .containsEntry("name", "my (odd) name")
                .containsEntry("exe", "/tmp/.x/miner");
        assertThat(hasRisk(result, "processes.exe_in_temp", "200")).isTrue();
        assertThat(result.execution().skipped()).contains("2 kernel thread(s) not listed");
    }

    @Test
    void aDeletedExecutableIsFlaggedAndAnUnreadableOneLeavesTheHashOut() {
        Fixture f = fixture().link("/proc/100/exe", "/usr/sbin/nginx (deleted)").deny("/proc/101/exe");
        ModuleResult result = f.run(new ProcessesModule());
        assertThat(hasRisk(result, "processes.deleted_executable", "100")).isTrue();
        assertThat(attrs(result, "process", "100"))
                .containsEntry("exeDeleted", true)
                .containsEntry("exe", "/usr/sbin/nginx");
        assertThat(attrs(result, "process", "101")).doesNotContainKeys("exe", "sha256");
        assertThat(result.execution().skipped())
                .contains("executable of 1 process(es) unreadable (permission denied or exited)");
    }

    @Test
    void garbledStatHugeCommandLinesAndVanishedProcessesAreSurvived() {
        Fixture f = fixture()
                .write("/proc/300/stat", "300 no parens at all")
                .write("/proc/301/stat", "301 (x) S")
                .write("/proc/301/cmdline", "a".repeat(10_000))
                .link("/proc/301/exe", "/proc/301/exe");
        ModuleResult result = f.run(new ProcessesModule());
        assertThat(keys(result, "process")).doesNotContain("300").contains("301");
        assertThat((String) attrs(result, "process", "301").get("cmdline"))
                .hasSize(4096 + 2)
                .endsWith(" …");
        assertThat(attrs(result, "process", "301")).doesNotContainKey("sha256");
    }
}
