package io.tenantra.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class AgentMainTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = AgentMain.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void versionNamesTheBuildAndProtocolVersion() {
        assertThat(run("--version")).isZero();
        assertThat(out.toString()).contains("tenantra-agent 0.1.0").contains("protocol 1.0");
    }

    @Test
    void helpDescribesTheAgentAndItsExitCodes() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("Usage: tenantra-agent").contains("Exit codes:");
    }

    @Test
    void unknownOptionIsAUsageErrorWithExitCodeTwo() {
        assertThat(run("--no-such-option")).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown option");
    }
}
