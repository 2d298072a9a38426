package io.tenantra.agent.modules.users;

import static io.tenantra.agent.modules.Results.attrs;
import static io.tenantra.agent.modules.Results.hasRisk;
import static io.tenantra.agent.modules.Results.json;
import static io.tenantra.agent.modules.Results.keys;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.agent.modules.Fixture;
import io.tenantra.agent.modules.ModuleLimits;
import io.tenantra.model.ModuleResult;
import io.tenantra.model.ModuleStatus;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsersModuleTest {

    @TempDir
    Path temp;

    private static final List<String> HASH_FRAGMENTS = List.of(
            "saltsalt",
            "Xy3Cqbm",
            "SECRETMD5",
            "abcdefgh$",
            "AnotherHashValue",
            "LockedHashValue",
            "abJnggxhB",
            "abcdefghijklmnopqrstu");

    @Test
    void accountsGroupsPasswordStatesAgeingAndSudoWithoutEverEmittingAHash() throws Exception {
        Fixture f = Fixture.of("users", temp);
        Path breached = temp.resolve("breached.txt");
        Files.writeString(breached, "# known\n$1$abcdefgh$SECRETMD5HASHVALUE12\n");
        f.set(UsersModule.BREACHED_HASHES, breached.toString());
        ModuleResult result = f.run(new UsersModule());

        assertThat(result.status()).isEqualTo(ModuleStatus.OK);
        assertThat(keys(result, "user"))
                .containsExactly("alice", "bob", "carol", "daemon", "dave", "eve", "root", "svc", "toor");
        assertThat(attrs(result, "user", "root"))
                .containsEntry("uid", 0L)
                .containsEntry("hashAlgorithm", "yescrypt")
                .containsEntry("weakHash", false);
        assertThat(attrs(result, "user", "alice"))
                .containsEntry("hashAlgorithm", "sha512crypt")
                .containsEntry("passwordState", "set")
                .containsEntry("groups", List.of("adm", "alice", "sudo"))
                .containsEntry("sudo", true)
                .containsEntry("passwordMaxDays", 60L)
                .containsEntry("passwordLastChanged", "2025-07-31");
        assertThat(attrs(result, "user", "bob"))
                .containsEntry("hashAlgorithm", "md5crypt")
                .containsEntry("weakHash", true)
                .containsEntry("knownBreachedHash", true)
                .containsEntry("sudo", true);
        assertThat(attrs(result, "user", "carol")).containsEntry("passwordState", "empty");
        assertThat(attrs(result, "user", "dave"))
                .containsEntry("passwordState", "locked")
                .containsEntry("hashAlgorithm", "sha512crypt");
        assertThat(attrs(result, "user", "eve"))
                .containsEntry("hashAlgorithm", "des")
                .containsEntry("accountExpired", true);
        // "*": never had a password; "!*" (usermod -L on such an account) and "!hash": locked.
        assertThat(attrs(result, "user", "daemon"))
                .containsEntry("passwordState", "no_login")
                .containsEntry("loginShell", false);
        assertThat(attrs(result, "user", "svc")).containsEntry("passwordState", "locked");
        assertThat(attrs(result, "group", "adm")).containsEntry("members", List.of("alice", "bob"));

        assertThat(hasRisk(result, "users.uid0_not_root", "toor")).isTrue();
        assertThat(hasRisk(result, "users.uid0_not_root", "root")).isFalse();
        assertThat(hasRisk(result, "users.empty_password", "carol")).isTrue();
        assertThat(hasRisk(result, "users.weak_hash", "bob")).isTrue();
        assertThat(hasRisk(result, "users.weak_hash", "eve")).isTrue();
        assertThat(hasRisk(result, "users.known_breached_hash", "bob")).isTrue();
        assertThat(hasRisk(result, "users.password_age_exceeds_policy", "bob")).isTrue(); // 99999 > 90
        assertThat(hasRisk(result, "users.password_age_exceeds_policy", "alice"))
                .isFalse(); // 60 <= 90
        assertThat(hasRisk(result, "users.password_expired", "eve")).isTrue();
        assertThat(keys(result, "sudo_rule"))
                .containsExactly(
                        "/etc/sudoers.d/ops: bob #1",
                        "/etc/sudoers.d/ops: dave #1",
                        "/etc/sudoers.d/ops: eve #1",
                        "/etc/sudoers: %sudo #1",
                        "/etc/sudoers: root #1");
        assertThat(attrs(result, "sudo_rule", "/etc/sudoers.d/ops: dave #1"))
                .containsEntry("runAs", "www-data")
                .containsEntry("commands", "/usr/bin/systemctl restart nginx, /usr/bin/systemctl reload nginx");
        assertThat(hasRisk(result, "users.sudo_nopasswd", "/etc/sudoers.d/ops: bob #1"))
                .isTrue();
        assertThat(result.risks().stream()
                        .filter(r -> r.code().equals("users.sudo_nopasswd")
                                && r.itemKey().contains("bob"))
                        .findFirst()
                        .orElseThrow()
                        .severity()
                        .name())
                .isEqualTo("HIGH");
        String everything = json(result);
        for (String fragment : HASH_FRAGMENTS) {
            assertThat(everything).doesNotContain(fragment);
        }
    }

    @Test
    void lastLoginComesFromLastlogAndWtmp() {
        Fixture f = Fixture.of("users", temp);
        byte[] lastlog = new byte[LastLogins.LASTLOG_RECORD * 1001];
        ByteBuffer.wrap(lastlog).order(ByteOrder.LITTLE_ENDIAN).putInt(1000 * LastLogins.LASTLOG_RECORD, 1_790_000_000);
        System.arraycopy(
                "10.0.0.5".getBytes(StandardCharsets.US_ASCII), 0, lastlog, 1000 * LastLogins.LASTLOG_RECORD + 36, 8);
        byte[] wtmp = new byte[LastLogins.UTMP_RECORD * 2];
        ByteBuffer w = ByteBuffer.wrap(wtmp).order(ByteOrder.LITTLE_ENDIAN);
        w.putShort(0, (short) LastLogins.USER_PROCESS);
        System.arraycopy("bob".getBytes(StandardCharsets.US_ASCII), 0, wtmp, 44, 3);
        w.putInt(340, 1_791_000_000);
        w.putShort(LastLogins.UTMP_RECORD, (short) 8); // DEAD_PROCESS: ignored
        f.write("/var/log/lastlog", lastlog).write("/var/log/wtmp", wtmp);
        ModuleResult result = f.run(new UsersModule());
        assertThat(attrs(result, "user", "alice"))
                .containsEntry("lastLogin", "2026-09-21T14:13:20Z")
                .containsEntry("lastLoginFrom", "10.0.0.5");
        assertThat(attrs(result, "user", "bob")).containsEntry("lastLogin", "2026-10-03T04:00:00Z");
        assertThat(attrs(result, "user", "carol")).doesNotContainKey("lastLogin");
    }

    @Test
    void anUnreadableShadowIsPartialAndLeavesPasswordStatesUnknown() {
        ModuleResult result = Fixture.of("users", temp).deny("/etc/shadow").run(new UsersModule());
        assertThat(result.status()).isEqualTo(ModuleStatus.PARTIAL);
        assertThat(result.messages())
                .contains(
                        "cannot read /etc/shadow: permission denied: password states, hash algorithms and ageing unknown");
        assertThat(attrs(result, "user", "alice"))
                .containsEntry("passwordState", "unknown")
                .doesNotContainKey("hashAlgorithm");
        assertThat(hasRisk(result, "users.uid0_not_root", "toor")).isTrue();
    }

    @Test
    void includeLoopsMalformedLinesOddBytesAndHugeFilesDoNotBreakIt() {
        Fixture f = Fixture.of("users", temp)
                .write("/etc/sudoers.d/loop", "#include /etc/sudoers\nthis is not a rule\n")
                .write("/etc/group", new byte[] {
                    'w', 'e', 'i', 'r', 'd', (byte) 0xc3, ':', 'x', ':', '5', ':', '\n', ':', ':', '\n'
                })
                .write(
                        "/etc/passwd",
                        "root:x:0:0:root:/root:/bin/bash\nmallory:x:1005:1005:Ma\u00ebl " + "x".repeat(5000)
                                + ":/home/m:/bin/sh\n")
                .limits(ModuleLimits.defaults().withMaxFileBytes(2000));
        ModuleResult result = f.run(new UsersModule());
        assertThat(result.status()).isEqualTo(ModuleStatus.PARTIAL);
        assertThat(result.messages()).anyMatch(m -> m.contains("/etc/passwd: larger than the size cap"));
        assertThat(keys(result, "group")).contains("weird\uFFFD");
        assertThat(result.execution().skipped()).anyMatch(s -> s.contains("loop or too deep"));
    }

    @Test
    void homeDirectoriesOfLoginAccountsAndTheirRiskyDotFiles() throws Exception {
        Fixture f = Fixture.of("users", temp)
                .write("/home/alice/.netrc", "machine example.org login alice password x\n")
                .write("/home/alice/.bashrc", "# shell\n")
                .write("/home/alice/.profile", "# shell\n")
                .write("/home/alice/notes.txt", "not a dot-file\n")
                .write("/home/bob/.forward", "bob@example.org\n")
                .link("/home/bob/.rhosts", "/dev/null")
                .write("/var/lib/svc/.rhosts", "never looked at: nologin account\n");
        f.chmod("/home/alice/.bashrc", "0664");
        f.chmod("/home/alice", "0777");
        ModuleResult result = f.run(new UsersModule());

        assertThat(keys(result, "home_directory"))
                .containsExactly("alice", "bob", "carol", "dave", "eve", "root", "toor");
        assertThat(attrs(result, "home_directory", "alice"))
                .containsEntry("path", "/home/alice")
                .containsEntry("exists", true)
                .containsEntry("mode", "0777")
                .containsEntry("worldWritable", true)
                .containsEntry("ownedByUser", false); // the fixture belongs to the build user
        assertThat(attrs(result, "home_directory", "carol"))
                .containsEntry("exists", false)
                .doesNotContainKey("mode");
        assertThat(keys(result, "home_dotfile"))
                .containsExactly(
                        "/home/alice/.bashrc", "/home/alice/.netrc", "/home/bob/.forward", "/home/bob/.rhosts");
        assertThat(attrs(result, "home_dotfile", "/home/alice/.bashrc"))
                .containsEntry("groupWritable", true)
                .containsEntry("worldWritable", false)
                .containsEntry("mode", "0664");
        assertThat(attrs(result, "home_dotfile", "/home/bob/.rhosts"))
                .containsEntry("kind", "symlink")
                .doesNotContainKeys("mode", "groupWritable");
    }
}
