package io.tenantra.agent.probes;

import static io.tenantra.agent.probes.Probes.command;
import static io.tenantra.agent.probes.Probes.regex;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.agent.modules.HostFiles;
import io.tenantra.model.OsFamily;
import io.tenantra.model.ProbeOutcome;
import io.tenantra.model.ProbeResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Command probes through real processes: no shell unless asked, time limit, output cap. */
@EnabledOnOs(OS.LINUX)
class RealCommandProbesTest {

    @TempDir
    Path temp;

    private ProbeResult run(ProbeSettings settings, io.tenantra.model.Probe probe) {
        return new ProbeRunner(new HostFiles(temp, 1 << 20), ProbeCommands.host(), OsFamily.LINUX, settings)
                .run(List.of(probe))
                .get(0);
    }

    @Test
    void withoutAShellSeparatorsAndVariablesAreJustWords() {
        ProbeResult literal =
                run(ProbeSettings.defaults(), command("echo $HOME; id", false, 5, regex("^\\$HOME; id$")));
        assertThat(literal.outcome()).isEqualTo(ProbeOutcome.FOUND);
        ProbeResult quoted =
                run(ProbeSettings.defaults(), command("printf '%s|' 'a b' \"c d\"", false, 5, regex("^a b\\|c d\\|$")));
        assertThat(quoted.outcome()).isEqualTo(ProbeOutcome.FOUND);
        ProbeResult shell = run(ProbeSettings.defaults(), command("echo one; echo two", true, 5, regex("^two$")));
        assertThat(shell.outcome())
                .as("with shell: true the line is a shell script")
                .isEqualTo(ProbeOutcome.FOUND);
        ProbeResult env = run(ProbeSettings.defaults(), command("echo $LC_ALL", true, 5, regex("^C$")));
        assertThat(env.outcome()).as("commands run with LC_ALL=C").isEqualTo(ProbeOutcome.FOUND);
    }

    @Test
    void aCommandIsKilledAtTheAgentsCapEvenWhenTheProbeAsksForMore() {
        var settings = new ProbeSettings(true, Duration.ofSeconds(1), Duration.ofSeconds(60), 1 << 20);
        long started = System.nanoTime();
        ProbeResult slow = run(settings, command("sleep 20", false, 600, regex(".")));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertThat(slow.outcome()).isEqualTo(ProbeOutcome.ERROR);
        assertThat(slow.message()).isEqualTo("timed out after 1 s");
    }

    @Test
    void outputBeyondTheCapIsCutAndANonMatchIsAnError() {
        var settings = new ProbeSettings(true, Duration.ofSeconds(20), Duration.ofSeconds(60), 64 * 1024);
        ProbeResult early = run(settings, command("seq 1 200000", false, 10, regex("^100$")));
        assertThat(early.outcome()).isEqualTo(ProbeOutcome.FOUND);
        ProbeResult late = run(settings, command("seq 1 200000", false, 10, regex("^199999$")));
        assertThat(late.outcome()).isEqualTo(ProbeOutcome.ERROR);
        assertThat(late.message()).contains("output longer than 65536 bytes");
    }

    @Test
    void aMissingProgramIsAnError() {
        ProbeResult missing = run(ProbeSettings.defaults(), command("no-such-program-here --version", false, 5));
        assertThat(missing.outcome()).isEqualTo(ProbeOutcome.ERROR);
        assertThat(missing.message()).isEqualTo("program not found: no-such-program-here");
    }
}
