package io.tenantra.agent.modules.files;

import static io.tenantra.agent.modules.Results.attrs;
import static io.tenantra.agent.modules.Results.hasRisk;
import static io.tenantra.agent.modules.Results.keys;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.agent.modules.Fixture;
import io.tenantra.agent.modules.ModuleLimits;
import io.tenantra.agent.modules.Sha256;
import io.tenantra.model.ModuleResult;
import io.tenantra.model.ModuleStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilesModuleTest {

    @TempDir
    Path temp;

    private Fixture fixture() {
        return Fixture.of("files", temp)
                .chmod("/usr/bin/hello", "0755")
                .chmod("/usr/bin/passwd-like", "4755")
                .chmod("/etc/hostname", "0666")
                .link("/bin", "usr/bin") // merged /usr: must not be walked twice
                .link("/etc/alternatives-like", "/usr/bin/hello");
    }

    @Test
    void hashesOwnerModeAndFlagsForEveryEntryOfTheConfiguredPaths() throws Exception {
        Fixture f = fixture();
        Files.createDirectories(f.path("/etc/dropbox"));
        f.chmod("/etc/dropbox", "0777");
        ModuleResult result = f.run(new FilesModule());

        assertThat(result.status()).isEqualTo(ModuleStatus.OK);
        assertThat(keys(result, "file"))
                .contains("/bin", "/usr/bin", "/usr/bin/hello", "/usr/sbin/daemon", "/etc/app/app.conf")
                .doesNotContain("/bin/hello");
        assertThat(attrs(result, "file", "/usr/bin/hello"))
                .containsEntry("sha256", Sha256.of("#!/bin/sh\necho hello\n"))
                .containsEntry("mode", "0755")
                .containsEntry("kind", "file")
                .containsEntry("suid", false)
                .containsKey("mtime");
        assertThat(attrs(result, "file", "/bin"))
                .containsEntry("kind", "symlink")
                .containsEntry("target", "usr/bin")
                .containsEntry("targetResolved", "/usr/bin");
        assertThat(attrs(result, "file", "/usr/bin/passwd-like"))
                .containsEntry("suid", true)
                .containsEntry("mode", "4755");
        assertThat(hasRisk(result, "files.setuid", "/usr/bin/passwd-like")).isTrue();
        assertThat(hasRisk(result, "files.world_writable", "/etc/hostname")).isTrue();
        assertThat(hasRisk(result, "files.world_writable", "/etc/dropbox")).isTrue();
        assertThat(attrs(result, "file", "/etc/alternatives-like")).containsEntry("targetResolved", "/usr/bin/hello");
    }

    @Test
    void twoRunsOfAnUnchangedTreeAreIdentical() {
        Fixture f = fixture();
        assertThat(f.run(new FilesModule()).withoutExecution())
                .isEqualTo(f.run(new FilesModule()).withoutExecution());
    }

    @Test
    void unreadableDirectoriesArePartialAndNamed() throws Exception {
        Fixture f = fixture();
        Files.createDirectories(f.path("/etc/private"));
        f.write("/etc/private/key", "secret").deny("/etc/private", "/etc/app/app.conf");
        ModuleResult result = f.run(new FilesModule());
        assertThat(result.status()).isEqualTo(ModuleStatus.PARTIAL);
        assertThat(result.messages())
                .contains(
                        "cannot read 2 entries: /etc/app/app.conf (permission denied), /etc/private (permission denied)");
        assertThat(keys(result, "file")).contains("/etc/private").doesNotContain("/etc/private/key");
        assertThat(attrs(result, "file", "/etc/app/app.conf"))
                .containsEntry("hashSkipped", "permission denied")
                .doesNotContainKey("sha256");
    }

    @Test
    void loopsDanglingLinksLinksOutOfTheTreeHugeFilesAndFifosAreRecordedNotFollowed() throws Exception {
        Fixture f = fixture()
                .link("/etc/loop-a", "loop-b")
                .link("/etc/loop-b", "loop-a")
                .link("/etc/dangling", "/nowhere/at/all")
                .link("/etc/escape", "../../../../../../etc/passwd")
                .link("/usr/bin/dirloop", "/usr/bin")
                .write("/usr/bin/huge", new byte[5000])
                .limits(ModuleLimits.defaults().withMaxHashBytes(1000));
        Process mkfifo = new ProcessBuilder("mkfifo", f.path("/etc/fifo").toString()).start();
        assertThat(mkfifo.waitFor()).isZero();

        ModuleResult result = f.run(new FilesModule());
        assertThat(attrs(result, "file", "/etc/loop-a")).containsEntry("loop", true);
        assertThat(attrs(result, "file", "/etc/dangling")).containsEntry("dangling", true);
        assertThat(attrs(result, "file", "/etc/escape"))
                .containsEntry("targetResolved", "/etc/passwd"); // stays inside the root
        assertThat(attrs(result, "file", "/usr/bin/dirloop")).containsEntry("kind", "symlink");
        assertThat(keys(result, "file")).noneMatch(k -> k.startsWith("/usr/bin/dirloop/"));
        assertThat(attrs(result, "file", "/usr/bin/huge"))
                .containsEntry("hashSkipped", "larger than 1000 bytes")
                .doesNotContainKey("sha256");
        assertThat(attrs(result, "file", "/etc/fifo"))
                .containsEntry("kind", "other")
                .doesNotContainKey("sha256");
    }

    @Test
    void theTimeBudgetAndEntryCapStopTheWalkAndSaySo() {
        ModuleResult capped = fixture()
                .set(FilesModule.MAX_ENTRIES, "3")
                .set(FilesModule.AUDIT, "false")
                .run(new FilesModule());
        assertThat(capped.status()).isEqualTo(ModuleStatus.PARTIAL);
        assertThat(capped.execution().truncated()).isTrue();
        assertThat(keys(capped, "file")).hasSize(3);
        assertThat(capped.execution().skipped()).anyMatch(s -> s.startsWith("entry cap of 3 reached"));

        ModuleResult budget = fixture().set(FilesModule.BUDGET_SECONDS, "0").run(new FilesModule());
        assertThat(budget.execution().skipped()).anyMatch(s -> s.startsWith("time budget exhausted"));
    }

    @Test
    void configuredPathsReplaceTheDefaultsAndMissingOnesAreNoted() {
        ModuleResult result =
                fixture().set(FilesModule.PATHS, "/etc/app, /opt/none").run(new FilesModule());
        assertThat(keys(result, "file")).containsExactly("/etc/app", "/etc/app/app.conf");
        assertThat(result.messages()).containsExactly("configured path /opt/none does not exist");
    }
}
