package io.tenantra.agent.modules.config;

import static io.tenantra.agent.modules.Results.attrs;
import static io.tenantra.agent.modules.Results.keys;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.agent.modules.Fixture;
import io.tenantra.model.ModuleResult;
import io.tenantra.model.ModuleStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The facts the config module gathers for a CIS-style baseline (issue 15), on the config fixture. */
class ConfigBaselineFactsTest {

    @TempDir
    Path temp;

    private Fixture fixture() {
        Fixture f = Fixture.of("config", temp);
        f.commands().fail("sshd -T", 255, "no host keys");
        return f;
    }

    @Test
    void pamRulesWithControlsAndOptionsAndFaillockAndPwhistorySettings() {
        ModuleResult result = fixture().run(new ConfigModule());

        assertThat(attrs(result, "pam_module", "/etc/pam.d/su: auth pam_wheel.so"))
                .containsEntry("control", "required")
                .containsEntry("options", Map.of("use_uid", true, "group", "sudo"))
                .containsEntry("arguments", List.of("use_uid", "group=sudo"))
                .containsEntry("source", "/etc/pam.d/su");
        assertThat(attrs(result, "pam_module", "/etc/pam.d/system-auth: auth pam_faillock.so"))
                .containsEntry("options", Map.of("preauth", true, "silent", true, "deny", "5", "unlock_time", "900"));
        assertThat(attrs(result, "pam_module", "/etc/pam.d/system-auth: auth pam_faillock.so #2"))
                .containsEntry("control", "[default=die]")
                .containsEntry("options", Map.of("authfail", true, "deny", "5", "unlock_time", "900"));
        assertThat(attrs(result, "pam_module", "/etc/pam.d/system-auth: password pam_pwhistory.so"))
                .containsEntry("options", Map.of("remember", "24", "use_authtok", true));
        assertThat(attrs(result, "pam_module", "/etc/pam.d/system-auth: session pam_systemd.so"))
                .containsEntry("optionalIfMissing", true);
        assertThat(attrs(result, "pam_module", "/etc/pam.d/common-auth: auth pam_unix.so"))
                .containsEntry("control", "[success=1 default=ignore]")
                .containsEntry("options", Map.of("nullok", true));
        assertThat(keys(result, "pam_module")).noneMatch(k -> k.contains("include") || k.contains("junk"));
        assertThat(attrs(result, "faillock", "deny"))
                .containsEntry("value", "4")
                .containsEntry("source", "/etc/security/faillock.conf");
        assertThat(attrs(result, "faillock", "even_deny_root")).containsEntry("value", "");
        assertThat(attrs(result, "pwhistory", "remember")).containsEntry("value", "24");
    }

    @Test
    void shellTimeoutAndUmaskPerFile() {
        ModuleResult result = fixture().run(new ConfigModule());

        assertThat(attrs(result, "shell_timeout", "/etc/profile.d/tmout.sh"))
                .containsEntry("value", "900")
                .containsEntry("readonly", true)
                .containsEntry("exported", true)
                .containsEntry("source", "/etc/profile.d/tmout.sh");
        assertThat(attrs(result, "shell_timeout", "/etc/profile.d/other.sh"))
                .containsEntry("value", "600")
                .containsEntry("readonly", true)
                .containsEntry("exported", true);
        assertThat(keys(result, "shell_timeout")).containsExactly("/etc/profile.d/other.sh", "/etc/profile.d/tmout.sh");
        assertThat(attrs(result, "shell_umask", "/etc/profile")).containsEntry("value", "022");
        assertThat(attrs(result, "shell_umask", "/etc/profile.d/tmout.sh")).containsEntry("value", "027");
        assertThat(attrs(result, "shell_umask", "/etc/profile.d/other.sh")).containsEntry("value", "u=rwx,g=rx,o=");
        assertThat(keys(result, "shell_umask")).doesNotContain("/etc/bash.bashrc");
    }

    @Test
    void auditRulesFromFilesAndLoadedRulesMeetInOneCanonicalForm() {
        Fixture f = fixture();
        f.commands().recordFile("auditctl -l", f.path("/auditctl-l.txt"));
        ModuleResult result = f.run(new ConfigModule());

        assertThat(attrs(result, "audit_rule", "-w /etc/passwd -p wa -k identity"))
                .containsEntry("kind", "watch")
                .containsEntry("path", "/etc/passwd")
                .containsEntry("perm", "wa")
                .containsEntry("key", "identity")
                .containsEntry("loaded", true)
                .containsEntry("source", "/etc/audit/rules.d/audit.rules");
        // Written with two -S in the file, printed with a list and -F key= by auditctl: one rule.
        assertThat(attrs(result, "audit_rule", "-a always,exit -F arch=b64 -S adjtimex,settimeofday -k time-change"))
                .containsEntry("kind", "syscall")
                .containsEntry("action", "always,exit")
                .containsEntry("syscalls", List.of("adjtimex", "settimeofday"))
                .containsEntry("fields", Map.of("arch", "=b64"))
                .containsEntry("loaded", true)
                .containsEntry("source", "/etc/audit/rules.d/50-cis.rules");
        assertThat(attrs(
                        result,
                        "audit_rule",
                        "-a always,exit -F arch=b64 -S chmod,fchmod -F auid>=1000 -F auid!=unset -k perm_mod"))
                .containsEntry("key", "perm_mod")
                .containsEntry("loaded", false);
        assertThat(attrs(result, "audit_rule", "-w /etc/shadow -p wa -k identity"))
                .containsEntry("loaded", true)
                .containsEntry("source", "auditctl -l")
                .containsEntry("sources", List.of());
        assertThat(attrs(result, "audit_rule", "-e 2"))
                .containsEntry("kind", "control")
                .containsEntry("flag", "-e")
                .containsEntry("value", "2")
                .containsEntry("immutable", true);
        assertThat(attrs(result, "audit_rule", "-b 8192")).containsEntry("value", "8192");
        assertThat(attrs(result, "audit_rule", "-f 1")).doesNotContainKey("immutable");
        assertThat(attrs(result, "audit_rule", "-D")).containsEntry("kind", "control");
    }

    @Test
    void withoutAuditctlLoadedIsUnknownAndAFailingAuditctlIsPartial() {
        ModuleResult absent = fixture().run(new ConfigModule());
        assertThat(attrs(absent, "audit_rule", "-w /etc/passwd -p wa -k identity"))
                .doesNotContainKey("loaded");

        Fixture f = fixture();
        f.commands().fail("auditctl -l", 1, "You must be root to run this program.");
        ModuleResult failing = f.run(new ConfigModule());
        assertThat(failing.status()).isEqualTo(ModuleStatus.PARTIAL);
        assertThat(failing.messages()).anyMatch(m -> m.startsWith("cannot list loaded audit rules"));
    }

    @Test
    void cronAndAtAccessFilesCronModesAndLoginBanners() {
        Fixture f = fixture().write("/etc/cron.d/job", "* * * * * root true\n");
        f.chmod("/etc/cron.allow", "0600").chmod("/etc/crontab", "0644").chmod("/etc/issue.net", "0666");
        ModuleResult result = f.run(new ConfigModule());

        assertThat(attrs(result, "access_control_file", "/etc/cron.allow"))
                .containsEntry("exists", true)
                .containsEntry("mode", "0600")
                .containsEntry("owner", "0") // no /etc/passwd in this fixture: the number
                .containsEntry("users", List.of("alice", "root"));
        assertThat(attrs(result, "access_control_file", "/etc/cron.deny")).containsEntry("exists", false);
        assertThat(attrs(result, "access_control_file", "/etc/at.deny")).containsEntry("users", List.of("baduser"));
        assertThat(attrs(result, "file_mode", "/etc/crontab")).containsEntry("mode", "0644");
        assertThat(attrs(result, "file_mode", "/etc/cron.d")).containsEntry("kind", "directory");
        assertThat(attrs(result, "file_mode", "/etc/cron.weekly")).containsEntry("exists", false);
        assertThat(attrs(result, "login_banner", "/etc/issue"))
                .containsEntry("osEscapes", List.of("\\m", "\\r")) // \S is not one of \m \r \s \v
                .containsEntry("mentionsOs", false);
        assertThat(attrs(result, "login_banner", "/etc/issue.net"))
                .containsEntry("osEscapes", List.of())
                .containsEntry("mode", "0666")
                .containsEntry("mentionsOs", false);
        assertThat(attrs(result, "login_banner", "/etc/motd"))
                .containsEntry("mentionsOs", true)
                .containsEntry("length", 28);
    }

    @Test
    void timeSyncMandatoryAccessControlAndPackageSources() {
        Fixture f = fixture()
                .link(
                        "/etc/systemd/system/multi-user.target.wants/chrony.service",
                        "/lib/systemd/system/chrony.service")
                .write("/proc/500/comm", "rsyslogd\n");
        ModuleResult result = f.run(new ConfigModule());

        assertThat(attrs(result, "time_sync", "chrony"))
                .containsEntry("installed", true)
                .containsEntry("enabled", true)
                .containsEntry("running", true)
                .containsEntry("config", "/etc/chrony/chrony.conf")
                .containsEntry("servers", List.of("time.example.org", "ntp2.example.org"))
                .containsEntry("pools", List.of("2.debian.pool.ntp.org"));
        assertThat(attrs(result, "time_sync", "summary"))
                .containsEntry("installed", List.of("chrony"))
                .containsEntry("anyRunning", true);
        assertThat(attrs(result, "logging", "rsyslog")).containsEntry("running", true);

        assertThat(attrs(result, "mac", "apparmor"))
                .containsEntry("enabled", true)
                .containsEntry("profiles", 4)
                .containsEntry("enforce", 2)
                .containsEntry("complain", 1)
                .containsEntry("cmdlineApparmor", "1")
                .containsEntry("cmdlineSecurity", "apparmor");
        assertThat(attrs(result, "mac", "selinux"))
                .containsEntry("mode", "enforcing")
                .containsEntry("configuredMode", "permissive")
                .containsEntry("policy", "targeted");

        assertThat(attrs(result, "apt_source", "/etc/apt/sources.list: deb http://deb.debian.org/debian bookworm"))
                .containsEntry("components", List.of("main", "contrib"))
                .containsEntry("https", false)
                .doesNotContainKey("signedBy");
        assertThat(attrs(result, "apt_source", "/etc/apt/sources.list: deb https://repo.example.com/apt stable"))
                .containsEntry("signedBy", "/usr/share/keyrings/vendor.gpg")
                .containsEntry("https", true);
        assertThat(attrs(result, "apt_source", "/etc/apt/sources.list: deb http://insecure.example.org/debian ./"))
                .containsEntry("trusted", "yes");
        assertThat(keys(result, "apt_source"))
                .contains(
                        "/etc/apt/sources.list.d/debian.sources: deb https://deb.debian.org/debian bookworm-updates",
                        "/etc/apt/sources.list.d/debian.sources: deb-src https://deb.debian.org/debian bookworm")
                .noneMatch(k -> k.contains("commented"));
        assertThat(attrs(
                        result,
                        "apt_source",
                        "/etc/apt/sources.list.d/debian.sources: deb http://inline.example.org/debian stable"))
                .containsEntry("signedBy", "inline")
                .containsEntry("enabled", "no");
        assertThat(attrs(result, "apt_setting", "APT::Get::AllowUnauthenticated"))
                .containsEntry("value", "true")
                .containsEntry("source", "/etc/apt/apt.conf.d/99insecure");
        assertThat(attrs(result, "apt_setting", "Acquire::AllowInsecureRepositories"))
                .containsEntry("value", "false");
        assertThat(attrs(result, "yum_repo", "/etc/yum.repos.d/vendor.repo: [vendor]"))
                .containsEntry("gpgcheck", "0")
                .containsEntry("enabled", "1")
                .containsEntry("https", true);
        assertThat(attrs(result, "yum_repo", "/etc/yum.repos.d/vendor.repo: [vendor-debug]"))
                .containsEntry("repoGpgcheck", "1")
                .containsEntry("https", false);
    }

    @Test
    void hostileFilesAreCutOrSkippedAndUnreadableOnesMakeThePartPartial() {
        Fixture f = fixture()
                .write("/etc/pam.d/broken", new byte[] {'a', 'u', 't', 'h', ' ', '[', 'x', '\n', (byte) 0xff, '\n'})
                .write("/etc/apt/sources.list.d/bad.list", "deb\ndeb [unterminated http://x\ndeb http://only-uri\n")
                .link("/etc/profile.d/loop.sh", "loop.sh")
                .deny("/etc/security/faillock.conf", "/etc/audit/rules.d/50-cis.rules");
        ModuleResult result = f.run(new ConfigModule());
        assertThat(result.status()).isEqualTo(ModuleStatus.PARTIAL);
        assertThat(result.messages())
                .contains(
                        "cannot read /etc/security/faillock.conf: permission denied",
                        "cannot read /etc/audit/rules.d/50-cis.rules: permission denied",
                        "cannot read /etc/profile.d/loop.sh: symbolic link loop");
        assertThat(keys(result, "faillock")).isEmpty();
        assertThat(keys(result, "pam_module")).noneMatch(k -> k.startsWith("/etc/pam.d/broken"));
        assertThat(keys(result, "apt_source")).noneMatch(k -> k.contains("only-uri") || k.contains("unterminated"));
        assertThat(attrs(result, "shell_timeout", "/etc/profile.d/tmout.sh")).containsEntry("value", "900");
    }
}
