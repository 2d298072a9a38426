package io.tenantra.agent.modules.files;

import static io.tenantra.agent.modules.Results.attrs;
import static io.tenantra.agent.modules.Results.keys;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.agent.modules.Fixture;
import io.tenantra.agent.modules.HostFiles;
import io.tenantra.model.ModuleResult;
import io.tenantra.model.ModuleStatus;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file-system audit walk, the /var/log modes and the boot file modes of the files module. */
class FilesystemAuditTest {

    @TempDir
    java.nio.file.Path temp;

    private Fixture fixture() throws Exception {
        Fixture f = Fixture.of("files", temp)
                .set(FilesModule.PATHS, "/etc/app")
                .write("/opt/app/run.sh", "#!/bin/sh\n")
                .write("/opt/app/orphan.conf", "x\n")
                .write("/usr/bin/sg-like", "#!/bin/sh\n")
                .write("/proc/1/environ", "never walked\n")
                .write("/var/log/syslog", "log\n")
                .write("/var/log/apt/history.log", "log\n")
                .write("/boot/grub/grub.cfg", "menuentry\n")
                .write("/boot/efi/EFI/debian/grub.cfg", "configfile\n");
        Files.createDirectories(f.path("/var/tmp/drop"));
        Files.createDirectories(f.path("/tmp"));
        f.chmod("/opt/app/run.sh", "0666")
                .chmod("/usr/bin/passwd-like", "4755")
                .chmod("/usr/bin/sg-like", "2755")
                .chmod("/proc/1/environ", "0666")
                .chmod("/var/tmp/drop", "0777")
                .chmod("/tmp", "1777")
                .chmod("/var/log/syslog", "0640")
                .chmod("/boot/grub/grub.cfg", "0600");
        Files.setAttribute(f.path("/opt/app/orphan.conf"), "unix:uid", 4242);
        return f;
    }

    @Test
    void worldWritableUnownedSuidAndSgidFilesAnywhereOnTheLocalFileSystems() throws Exception {
        ModuleResult result = fixture().run(new FilesModule());

        assertThat(result.status()).isEqualTo(ModuleStatus.OK);
        assertThat(keys(result, "world_writable_file"))
                .contains("/opt/app/run.sh")
                .doesNotContain("/proc/1/environ");
        assertThat(attrs(result, "world_writable_file", "/opt/app/run.sh"))
                .containsEntry("mode", "0666")
                .containsEntry("owner", "root");
        assertThat(keys(result, "world_writable_dir_no_sticky"))
                .contains("/var/tmp/drop")
                .doesNotContain("/tmp");
        assertThat(attrs(result, "unowned_file", "/opt/app/orphan.conf"))
                .containsEntry("uid", 4242)
                .containsEntry("owner", "4242")
                .containsEntry("unknownUser", true)
                .containsEntry("unknownGroup", false);
        assertThat(attrs(result, "suid_file", "/usr/bin/passwd-like")).containsEntry("mode", "4755");
        assertThat(attrs(result, "sgid_file", "/usr/bin/sg-like")).containsEntry("mode", "2755");
        assertThat(keys(result, "suid_file")).doesNotContain("/usr/bin/sg-like");
        // Facts only: the audit adds no risks of its own.
        assertThat(result.risks())
                .noneMatch(r -> r.itemType().endsWith("_file") || r.itemType().contains("sticky"));
        // The inventory walk stayed on its configured path.
        assertThat(keys(result, "file")).allMatch(k -> k.startsWith("/etc/app"));
    }

    @Test
    void logFileModesAndBootFileModes() throws Exception {
        ModuleResult result = fixture().set(FilesModule.AUDIT, "false").run(new FilesModule());

        assertThat(keys(result, "log_file_mode")).containsExactly("/var/log/apt/history.log", "/var/log/syslog");
        assertThat(attrs(result, "log_file_mode", "/var/log/syslog"))
                .containsEntry("mode", "0640")
                .containsEntry("owner", "root")
                .containsEntry("group", "root");
        assertThat(attrs(result, "file_mode", "/boot")).containsEntry("kind", "directory");
        assertThat(attrs(result, "file_mode", "/boot/grub/grub.cfg")).containsEntry("mode", "0600");
        assertThat(keys(result, "file_mode"))
                .contains("/boot/efi/EFI/debian/grub.cfg")
                .doesNotContain("/boot/grub2/grub.cfg"); // absent loader files are left out
        assertThat(keys(result, "suid_file")).isEmpty();
    }

    @Test
    void theAuditStopsAtItsCapsAndBudgetAndSaysSo() throws Exception {
        ModuleResult capped = fixture().set(FilesModule.AUDIT_MAX_ENTRIES, "3").run(new FilesModule());
        assertThat(capped.status()).isEqualTo(ModuleStatus.PARTIAL);
        assertThat(capped.execution().truncated()).isTrue();
        assertThat(capped.execution().skipped())
                .anyMatch(s -> s.startsWith("file-system audit: entry cap of 3 reached"));

        ModuleResult findings =
                fixture().set(FilesModule.AUDIT_MAX_FINDINGS, "0").run(new FilesModule());
        assertThat(keys(findings, "suid_file")).isEmpty();
        assertThat(findings.execution().skipped())
                .anyMatch(s -> s.startsWith("file-system audit: more than 0 suid_file"));

        ModuleResult budget =
                fixture().set(FilesModule.AUDIT_BUDGET_SECONDS, "0").run(new FilesModule());
        assertThat(budget.execution().skipped())
                .anyMatch(s -> s.startsWith("file-system audit: time budget exhausted"));

        ModuleResult narrowed = fixture().set(FilesModule.AUDIT_PATHS, "/opt").run(new FilesModule());
        assertThat(keys(narrowed, "world_writable_file")).containsExactly("/opt/app/run.sh");
        assertThat(keys(narrowed, "suid_file")).isEmpty();
    }

    @Test
    void onlyLocalDiskFileSystemsAndTheSharedTemporaryTmpfsAreWalked() throws Exception {
        Fixture f = fixture()
                .write(
                        "/proc/mounts",
                        "proc /proc proc rw 0 0\n/dev/sda1 / ext4 rw 0 0\ntmpfs /tmp tmpfs rw 0 0\n"
                                + "tmpfs /run tmpfs rw 0 0\nserver:/export /mnt/nfs nfs4 rw 0 0\n"
                                + "/dev/sdb1 /srv/my\\040data xfs rw 0 0\noverlay /var/lib/docker/x overlay rw 0 0\n");
        assertThat(LocalMounts.points(new HostFiles(f.root(), 1 << 20)))
                .containsExactly("/", "/srv/my data", "/tmp", "/var/lib/docker/x");
        f.write("/proc/mounts", "garbage\n");
        assertThat(LocalMounts.points(new HostFiles(f.root(), 1 << 20))).containsExactly("/");
    }
}
