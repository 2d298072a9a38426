package io.tenantra.agent.probes;

import static io.tenantra.agent.probes.Probes.answer;
import static io.tenantra.agent.probes.Probes.file;
import static io.tenantra.agent.probes.Probes.literal;
import static io.tenantra.agent.probes.Probes.notRegex;
import static io.tenantra.agent.probes.Probes.number;
import static io.tenantra.agent.probes.Probes.probe;
import static io.tenantra.agent.probes.Probes.regex;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.agent.modules.CommandResult;
import io.tenantra.agent.modules.Fixture;
import io.tenantra.model.OsFamily;
import io.tenantra.model.Probe;
import io.tenantra.model.ProbeKind;
import io.tenantra.model.ProbeOutcome;
import io.tenantra.model.ProbeResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every probe kind over a fixture host tree and recorded commands: found, not found, errors. */
class ProbeRunnerTest {

    @TempDir
    Path temp;

    Fixture host;

    @BeforeEach
    void setUp() {
        host = Fixture.of("probes-none", temp)
                .write("/etc/ssh/sshd_config", "# comment\nPort 22\nPermitRootLogin no\nMaxAuthTries 4\n")
                .write("/etc/login.defs", "PASS_MAX_DAYS   365\nPASS_MIN_DAYS 1\nUMASK 022\n")
                .write(
                        "/etc/passwd",
                        "root:x:0:0:root:/root:/bin/bash\nsshd:x:101:65534::/run/sshd:/usr/sbin/nologin\n")
                .write("/etc/group", "root:x:0:\nshadow:x:42:\n")
                .write("/etc/modprobe.d/cramfs.conf", "install cramfs /bin/false\n")
                .write("/etc/modprobe.d/usb.conf", "blacklist usb-storage\n")
                .write("/etc/modprobe.d/notes.txt", "install cramfs /bin/true\n")
                .write("/proc/1/comm", "systemd\n")
                .write("/proc/1/cmdline", "/sbin/init\0splash\0")
                .write("/proc/812/comm", "sshd\n")
                .write("/proc/812/cmdline", "sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups\0")
                .write("/proc/self/comm", "ignored\n");
    }

    @Test
    void aFileIsFoundWhenOneLineSatisfiesEveryTest() {
        ProbeResult found = answer(host, file("/etc/ssh/sshd_config", regex("^PermitRootLogin\\s+"), notRegex("yes")));
        assertThat(found.outcome()).isEqualTo(ProbeOutcome.FOUND);
        assertThat(found.evidence()).isEqualTo("/etc/ssh/sshd_config: PermitRootLogin no");

        assertThat(answer(host, file("/etc/ssh/sshd_config", regex("^PermitRootLogin"), regex("yes")))
                        .outcome())
                .as("the tests are AND-ed over one line, not spread over several")
                .isEqualTo(ProbeOutcome.NOT_FOUND);
        assertThat(answer(host, file("/etc/ssh/sshd_config", literal("Port 22")))
                        .outcome())
                .isEqualTo(ProbeOutcome.FOUND);
        assertThat(answer(host, file("/etc/ssh/sshd_config")).evidence()).isEqualTo("/etc/ssh/sshd_config");
    }

    @Test
    void numericTestsCompareTheFirstGroupAsADecimal() {
        assertThat(answer(host, file("/etc/login.defs", number("^PASS_MAX_DAYS\\s+(\\d+)", "<=", "365")))
                        .outcome())
                .isEqualTo(ProbeOutcome.FOUND);
        assertThat(answer(host, file("/etc/login.defs", number("^PASS_MAX_DAYS\\s+(\\d+)", "lt", "90")))
                        .outcome())
                .isEqualTo(ProbeOutcome.NOT_FOUND);
        assertThat(answer(host, file("/etc/ssh/sshd_config", number("^MaxAuthTries\\s+(\\S+)", "==", "4.0")))
                        .outcome())
                .isEqualTo(ProbeOutcome.FOUND);
        ProbeResult noGroup = answer(host, file("/etc/login.defs", number("^PASS_MAX_DAYS", "<", "1")));
        assertThat(noGroup.outcome()).isEqualTo(ProbeOutcome.ERROR);
        assertThat(noGroup.message()).contains("no capture group");
    }

    @Test
    void anyOfSeveralFilesAndMissingOrUnreadableOnes() {
        Probe any = probe(ProbeKind.FILE, List.of("/etc/issue", "/etc/ssh/sshd_config"), regex("^Port"));
        assertThat(answer(host, any).evidence()).isEqualTo("/etc/ssh/sshd_config: Port 22");

        ProbeResult missing = answer(host, file("/etc/nothing-here"));
        assertThat(missing.outcome()).isEqualTo(ProbeOutcome.NOT_FOUND);

        host.deny("/etc/ssh");
        ProbeResult denied = answer(host, file("/etc/ssh/sshd_config", regex("PermitRootLogin")));
        assertThat(denied.outcome()).as("unreadable is never 'not found'").isEqualTo(ProbeOutcome.ERROR);
        assertThat(denied.message()).contains("permission denied");
    }

    @Test
    void badPatternsAreErrorsNotCrashes() {
        ProbeResult bad = answer(host, file("/etc/ssh/sshd_config", regex("(unclosed")));
        assertThat(bad.outcome()).isEqualTo(ProbeOutcome.ERROR);
        assertThat(bad.message()).contains("invalid pattern");
    }

    @Test
    void aDirectoryIsListedOnceFilteredByNameThenReadAsFiles() {
        Probe blacklisted = new Probe(
                "pdir",
                ProbeKind.DIRECTORY,
                List.of("/etc/modprobe.d"),
                "\\.conf$",
                null,
                List.of(regex("^install\\s+cramfs\\s+/bin/(false|true)")),
                false,
                0);
        ProbeResult found = answer(host, blacklisted);
        assertThat(found.outcome()).isEqualTo(ProbeOutcome.FOUND);
        assertThat(found.evidence()).isEqualTo("/etc/modprobe.d/cramfs.conf: install cramfs /bin/false");

        Probe onlyTxt = new Probe(
                "pdir2",
                ProbeKind.DIRECTORY,
                List.of("/etc/modprobe.d"),
                "\\.conf$",
                null,
                List.of(regex("/bin/true")),
                false,
                0);
        assertThat(answer(host, onlyTxt).outcome())
                .as("notes.txt does not match the name pattern")
                .isEqualTo(ProbeOutcome.NOT_FOUND);

        Probe names =
                new Probe("pdir3", ProbeKind.DIRECTORY, List.of("/etc/modprobe.d"), "^usb", null, List.of(), false, 0);
        assertThat(answer(host, names).evidence()).isEqualTo("/etc/modprobe.d/usb.conf");
        Probe absent = new Probe("pdir4", ProbeKind.DIRECTORY, List.of("/etc/nope"), null, null, List.of(), false, 0);
        assertThat(answer(host, absent).outcome()).isEqualTo(ProbeOutcome.NOT_FOUND);
    }

    @Test
    void statOffersModeAndOwnerAsOneLine() {
        host.mode("/etc/ssh/sshd_config", "rw-r-----");
        Probe stat =
                probe(ProbeKind.FILE_STAT, List.of("/etc/ssh/sshd_config"), regex("^mode=0640 "), regex(" uid=\\d+ "));
        ProbeResult found = answer(host, stat);
        assertThat(found.outcome()).isEqualTo(ProbeOutcome.FOUND);
        assertThat(found.evidence())
                .matches("/etc/ssh/sshd_config: mode=0640 owner=\\S+ group=\\S+ uid=\\d+ gid=\\d+ kind=file");
        assertThat(answer(host, probe(ProbeKind.FILE_STAT, List.of("/etc/ssh/sshd_config"), regex("^mode=0600")))
                        .outcome())
                .isEqualTo(ProbeOutcome.NOT_FOUND);
        assertThat(answer(host, probe(ProbeKind.FILE_STAT, List.of("/etc/gone")))
                        .outcome())
                .isEqualTo(ProbeOutcome.NOT_FOUND);
    }

    @Test
    void aProcessMatchesByNameOrCommandLine() {
        ProbeResult sshd = answer(host, probe(ProbeKind.PROCESS, List.of("^sshd$")));
        assertThat(sshd.outcome()).isEqualTo(ProbeOutcome.FOUND);
        assertThat(sshd.evidence()).startsWith("pid 812 sshd: sshd: /usr/sbin/sshd -D");
        assertThat(answer(host, probe(ProbeKind.PROCESS, List.of("/sbin/init"))).evidence())
                .startsWith("pid 1 systemd");
        assertThat(answer(host, probe(ProbeKind.PROCESS, List.of("auditd"))).outcome())
                .isEqualTo(ProbeOutcome.NOT_FOUND);
        ProbeResult elsewhere = Probes.runner(host, ProbeSettings.defaults(), OsFamily.MACOS)
                .run(List.of(probe(ProbeKind.PROCESS, List.of("sshd"))))
                .get(0);
        assertThat(elsewhere.outcome()).isEqualTo(ProbeOutcome.ERROR);
    }

    @Test
    void commandsRunWithoutAShellUnlessAskedAndTheirLinesAreTested() {
        host.commands()
                .record("sshd -T", CommandResult.ok("port 22\npermitrootlogin no\n"))
                .record("/bin/sh -c sshd -T | grep root", CommandResult.ok("permitrootlogin no\n"))
                .record("systemctl is-enabled auditd", new CommandResult(1, "disabled\n", "", false, false));
        ProbeResult direct = answer(host, Probes.command("sshd -T", false, 5, regex("^permitrootlogin\\s+no")));
        assertThat(direct.outcome()).isEqualTo(ProbeOutcome.FOUND);
        assertThat(direct.evidence()).isEqualTo("permitrootlogin no");
        assertThat(answer(host, Probes.command("sshd -T | grep root", true, 5, regex("root")))
                        .outcome())
                .isEqualTo(ProbeOutcome.FOUND);
        assertThat(answer(host, Probes.command("systemctl is-enabled auditd", false, 5, regex("^enabled")))
                        .outcome())
                .as("a non-zero exit is still output")
                .isEqualTo(ProbeOutcome.NOT_FOUND);
        assertThat(answer(host, Probes.command("systemctl is-enabled auditd", false, 5, regex("^disabled")))
                        .outcome())
                .isEqualTo(ProbeOutcome.FOUND);
        ProbeResult missing = answer(host, Probes.command("ufw status", false, 5, regex("active")));
        assertThat(missing.outcome())
                .as("a missing program is never 'not found'")
                .isEqualTo(ProbeOutcome.ERROR);
        assertThat(missing.message()).contains("program not found: ufw");
        assertThat(host.commands().invoked())
                .containsExactly(
                        "sshd -T",
                        "/bin/sh -c sshd -T | grep root",
                        "systemctl is-enabled auditd",
                        "systemctl is-enabled auditd",
                        "ufw status");
    }

    @Test
    void commandProbesAreRefusedWhenTheAgentDisablesThem() {
        host.commands().record("id -u", CommandResult.ok("0\n"));
        var settings = ProbeSettings.from(java.util.Map.of("probes.commands", "false"));
        List<ProbeResult> answers = Probes.runner(host, settings)
                .run(List.of(Probes.command("id -u", false, 5), file("/etc/ssh/sshd_config")));
        assertThat(answers.get(0).outcome()).isEqualTo(ProbeOutcome.REFUSED);
        assertThat(answers.get(0).message()).isEqualTo("command probes are disabled on this agent");
        assertThat(answers.get(1).outcome()).as("other probes still run").isEqualTo(ProbeOutcome.FOUND);
        assertThat(host.commands().invoked()).isEmpty();
    }

    @Test
    void registryProbesNeedWindowsAndReadValueDataAsDecimal() {
        Probe uac = new Probe(
                "preg",
                ProbeKind.REGISTRY,
                List.of("HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System"),
                null,
                "EnableLUA",
                List.of(number("^(\\d+)$", "==", "1")),
                false,
                0);
        ProbeResult onLinux = answer(host, uac);
        assertThat(onLinux.outcome()).isEqualTo(ProbeOutcome.ERROR);
        assertThat(onLinux.message()).isEqualTo("registry probes need Windows");

        host.commands()
                .record(
                        CommandProbes.REG + " query " + uac.targets().get(0) + " /v EnableLUA",
                        CommandResult.ok(
                                "\r\nHKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System\r\n"
                                        + "    EnableLUA    REG_DWORD    0x1\r\n\r\n"))
                .fail(
                        CommandProbes.REG + " query HKLM\\SOFTWARE\\Nope",
                        1,
                        "ERROR: The system was unable to find the specified registry key or value.");
        ProbeRunner windows = Probes.runner(host, ProbeSettings.defaults(), OsFamily.WINDOWS);
        ProbeResult found = windows.run(List.of(uac)).get(0);
        assertThat(found.outcome()).isEqualTo(ProbeOutcome.FOUND);
        assertThat(found.evidence()).isEqualTo("1");
        Probe nope = new Probe(
                "preg2", ProbeKind.REGISTRY, List.of("HKLM\\SOFTWARE\\Nope"), null, null, List.of(), false, 0);
        assertThat(windows.run(List.of(nope)).get(0).outcome()).isEqualTo(ProbeOutcome.NOT_FOUND);
    }

    @Test
    void theTimeBudgetEndsTheRunAndTheRestAreErrors() {
        long[] now = {0};
        host.commands().record("slow", CommandResult.ok("x\n"));
        ProbeRunner runner = new ProbeRunner(
                host.environment().files(),
                (timeout, cap) -> argv -> {
                    now[0] += Duration.ofSeconds(61).toNanos(); // the command used up the budget
                    return host.commands().run(argv);
                },
                OsFamily.LINUX,
                ProbeSettings.defaults(),
                () -> now[0]);
        List<ProbeResult> answers = runner.run(
                List.of(Probes.command("slow", false, 5), file("/etc/ssh/sshd_config"), file("/etc/login.defs")));
        assertThat(answers)
                .extracting(ProbeResult::outcome)
                .containsExactly(ProbeOutcome.FOUND, ProbeOutcome.ERROR, ProbeOutcome.ERROR);
        assertThat(answers.get(2).message()).isEqualTo("time budget spent");
    }
}
