package io.tenantra.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class AgentCommandsTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = AgentMain.commandLine(
                new AgentHome(dir), new TimeLimitedJobExecutor((ModuleRunner) module -> null, Clock.systemUTC()));
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void helpListsTheSubcommandsAndEveryExitCode() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString())
                .contains("enroll", "run", "status")
                // picocli pads the code column to fit the widest entry; the spacing is not the contract
                .containsPattern("3\\s+enrollment refused by the server")
                .containsPattern("4\\s+not enrolled")
                .containsPattern("5\\s+server unreachable")
                .contains("scan")
                .contains("TENANTRA_AGENT_HOME");
    }

    @Test
    void statusAndRunNeedAnEnrolledAgent() {
        assertThat(run("status")).isEqualTo(ExitCodes.NOT_ENROLLED);
        assertThat(out.toString()).contains("Not enrolled");
        assertThat(run("run")).isEqualTo(ExitCodes.NOT_ENROLLED);
        assertThat(err.toString()).contains("tenantra-agent enroll");
    }

    @Test
    void enrollNeedsAServerAndAToken() {
        assertThat(run("enroll", "--server", "http://127.0.0.1:1")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--token");
        assertThat(run("enroll", "--server", "ftp://x", "--token", "t")).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void anUnreachableServerIsItsOwnExitCodeAndLeavesNoState() {
        assertThat(run("enroll", "--server", "http://127.0.0.1:1", "--token", "et1.a.b.c"))
                .isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(err.toString()).contains("Could not reach");
        assertThat(dir.resolve("agent.key")).doesNotExist();
    }
}
