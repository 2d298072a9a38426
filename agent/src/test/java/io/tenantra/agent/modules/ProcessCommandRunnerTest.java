package io.tenantra.agent.modules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

@EnabledOnOs(OS.LINUX)
class ProcessCommandRunnerTest {

    @Test
    void aMissingProgramAnswers127WithoutStartingAnything() {
        CommandResult result =
                new ProcessCommandRunner(Duration.ofSeconds(5), 1024, true).run("no-such-tool-here", "-x");
        assertThat(result.exitCode()).isEqualTo(127);
        assertThat(result.notFound()).isTrue();
    }

    @Test
    void outputIsCappedAndTheProgramStillFinishes() {
        CommandResult result = new ProcessCommandRunner(Duration.ofSeconds(10), 100, false).run("seq", "1", "100000");
        assertThat(result.exitCode()).isZero();
        assertThat(result.truncated()).isTrue();
        assertThat(result.stdout()).hasSize(100);
    }

    @Test
    void aSlowProgramIsKilledAtTheTimeout() {
        long start = System.nanoTime();
        CommandResult result = new ProcessCommandRunner(Duration.ofMillis(300), 1024, false).run("sleep", "30");
        assertThat(result.timedOut()).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void childrenRunNicedInTheIdleIoClassWhenTheToolsExist() {
        ProcessCommandRunner runner = new ProcessCommandRunner(Duration.ofSeconds(5), 4096, true);
        if (runner.priorityWrapper().isEmpty()) {
            return; // neither nice nor ionice on this host
        }
        CommandResult nice = runner.run("nice");
        // nice without arguments prints the niceness it runs at: at least the 10 we added.
        assertThat(Integer.parseInt(nice.stdout().strip())).isGreaterThanOrEqualTo(10);
        if (runner.priorityWrapper().stream().anyMatch(p -> p.endsWith("ionice"))) {
            assertThat(runner.run("ionice").stdout()).contains("idle");
        }
    }

    @Test
    void outputIsReadInTheCLocale() {
        CommandResult result =
                new ProcessCommandRunner(Duration.ofSeconds(5), 4096, false).run("sh", "-c", "echo $LC_ALL");
        assertThat(result.stdout().strip()).isEqualTo("C");
    }
}
