package io.tenantra.agent.modules.config;

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

class ConfigModuleTest {

    @TempDir
    Path temp;

    @Test
    void sshdConfigWithIncludesFirstValueWinsAndDefaultsWhenSshdTCannotRun() {
        Fixture f = Fixture.of("config", temp);
        f.commands().fail("sshd -T", 255, "sshd: no hostkeys available -- exiting.");
        ModuleResult result = f.run(new ConfigModule());

        assertThat(result.status()).isEqualTo(ModuleStatus.OK);
        assertThat(attrs(result, "sshd", "sshd")).containsEntry("source", "sshd_config");
        assertThat(attrs(result, "sshd_setting", "permitrootlogin")).containsEntry("value", "yes");
        assertThat(attrs(result, "sshd_setting", "maxauthtries")).containsEntry("value", "3"); // from the include
        assertThat(attrs(result, "sshd_setting", "passwordauthentication"))
                .containsEntry("value", "yes"); // include came first
        assertThat(attrs(result, "sshd_setting", "permitemptypasswords"))
                .containsEntry("value", "no"); // Match block ignored, default
        assertThat(keys(result, "sshd_setting")).doesNotContain("hostkey");
        assertThat(hasRisk(result, "config.sshd_weak_setting", "permitrootlogin"))
                .isTrue();
        assertThat(hasRisk(result, "config.sshd_weak_setting", "ciphers")).isTrue();
        assertThat(hasRisk(result, "config.sshd_weak_setting", "maxauthtries")).isFalse();
        assertThat(result.execution().skipped()).anyMatch(s -> s.startsWith("sshd -T failed"));

        assertThat(attrs(result, "login_defs", "PASS_MAX_DAYS")).containsEntry("value", "99999");
        // Every key is reported (MAIL_DIR was not before), and thresholds are content on the server.
        assertThat(attrs(result, "login_defs", "MAIL_DIR"))
                .containsEntry("value", "/var/mail")
                .containsEntry("source", "/etc/login.defs");
        assertThat(attrs(result, "login_defs", "UMASK")).containsEntry("value", "022");
        assertThat(result.risks())
                .noneMatch(r -> List.of("config.password_max_days", "config.password_min_days", "config.weak_umask")
                        .contains(r.code()));
        assertThat(attrs(result, "pwquality", "minlen")).containsEntry("value", "14");
        assertThat(attrs(result, "pam_stack", "/etc/pam.d/common-password"))
                .containsEntry("unixHashing", "yescrypt")
                .containsEntry("remember", 5L);
        assertThat(hasRisk(result, "config.pam_nullok", "/etc/pam.d/common-auth"))
                .isTrue();
        assertThat(hasRisk(result, "config.no_password_quality", "/etc/pam.d/common-password"))
                .isFalse();
        assertThat(attrs(result, "auditd", "auditd"))
                .containsEntry("running", true)
                .containsEntry("ruleCount", 5) // audit.rules 2, 50-cis.rules 3 (control lines not counted)
                .containsEntry("max_log_file_action", "ROTATE");
        assertThat(attrs(result, "logging", "journald"))
                .containsEntry("storage", "volatile")
                .containsEntry("persistent", false);
        assertThat(hasRisk(result, "config.no_persistent_logs", "journald")).isTrue();
        assertThat(attrs(result, "auto_updates", "apt")).containsEntry("enabled", true);
    }

    @Test
    void sshdTIsPreferredWhenItRuns() {
        Fixture f = Fixture.of("config", temp);
        f.commands().recordFile("sshd -T", f.path("/sshd-T.txt"));
        ModuleResult result = f.run(new ConfigModule());
        assertThat(attrs(result, "sshd", "sshd")).containsEntry("source", "sshd -T");
        assertThat(attrs(result, "sshd_setting", "permitrootlogin")).containsEntry("value", "without-password");
        assertThat(hasRisk(result, "config.sshd_weak_setting", "permitrootlogin"))
                .isFalse();
    }

    @Test
    void unreadableLoginDefsIsPartialAndIncludeLoopsEnd() {
        Fixture f = Fixture.of("config", temp)
                .deny("/etc/login.defs")
                .write(
                        "/etc/ssh/sshd_config.d/20-loop.conf",
                        "Include /etc/ssh/sshd_config\nPermitRootLogin\u00ff no\n");
        ModuleResult result = f.run(new ConfigModule());
        assertThat(result.status()).isEqualTo(ModuleStatus.PARTIAL);
        assertThat(result.messages()).contains("cannot read /etc/login.defs: permission denied");
        assertThat(keys(result, "login_defs")).isEmpty();
        assertThat(attrs(result, "sshd_setting", "maxauthtries")).containsEntry("value", "3");
    }
}
