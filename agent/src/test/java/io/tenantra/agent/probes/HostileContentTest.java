package io.tenantra.agent.probes;

import static io.tenantra.agent.probes.Probes.answer;
import static io.tenantra.agent.probes.Probes.file;
import static io.tenantra.agent.probes.Probes.regex;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.agent.modules.Fixture;
import io.tenantra.agent.modules.ModuleLimits;
import io.tenantra.model.OsFamily;
import io.tenantra.model.ProbeOutcome;
import io.tenantra.model.ProbeResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Content that tries to hurt the agent: huge, binary, endless lines, catastrophic patterns, links out. */
class HostileContentTest {

    @TempDir
    Path temp;

    @Test
    void aFileLargerThanTheCapIsReadOnlyInPartAndANonMatchIsAnError() {
        Fixture host = Fixture.of("none", temp).limits(ModuleLimits.defaults().withMaxFileBytes(64 * 1024));
        byte[] big = "filler line\n".repeat(20_000).getBytes(StandardCharsets.UTF_8);
        host.write("/var/log/huge.log", big);
        ProbeResult early = answer(host, file("/var/log/huge.log", regex("^filler")));
        assertThat(early.outcome()).isEqualTo(ProbeOutcome.FOUND);
        ProbeResult late = answer(host, file("/var/log/huge.log", regex("^never")));
        assertThat(late.outcome()).isEqualTo(ProbeOutcome.ERROR);
        assertThat(late.message()).contains("larger than 65536 bytes");
    }

    @Test
    void binaryContentAndEndlessLinesAreBoundedAndEvidenceIsPrintable() {
        Fixture host = Fixture.of("none", temp);
        byte[] junk = new byte[200_000];
        for (int i = 0; i < junk.length; i++) {
            junk[i] = (byte) (i * 31 + 7);
        }
        junk[10] = 0; // NUL bytes in the middle
        host.write("/usr/lib/blob.bin", junk);
        String endless = "x".repeat(500_000) + "MARKER";
        host.write("/etc/endless.conf", "key=" + endless + "\n");

        ProbeResult binary = answer(host, file("/usr/lib/blob.bin", regex("[\\x00-\\x08]")));
        assertThat(binary.outcome()).isIn(ProbeOutcome.FOUND, ProbeOutcome.NOT_FOUND);
        if (binary.evidence() != null) {
            assertThat(binary.evidence())
                    .hasSizeLessThanOrEqualTo(Answers.MAX_TEXT)
                    .doesNotContain("\0");
        }
        assertThat(answer(host, file("/etc/endless.conf", regex("MARKER"))).outcome())
                .as("only the first " + LineTests.MAX_LINE + " characters of a line are tested")
                .isEqualTo(ProbeOutcome.NOT_FOUND);
        ProbeResult start = answer(host, file("/etc/endless.conf", regex("^key=x")));
        assertThat(start.evidence()).hasSize(Answers.MAX_TEXT);
    }

    @Test
    @Timeout(30)
    void aCatastrophicPatternEndsAtTheTimeBudget() {
        Fixture host = Fixture.of("none", temp);
        char[] a = new char[LineTests.MAX_LINE - 1];
        Arrays.fill(a, 'a');
        host.write("/etc/evil.conf", new String(a) + "!\n");
        var settings = new ProbeSettings(true, Duration.ofSeconds(30), Duration.ofSeconds(1), 1024);
        ProbeRunner runner = Probes.runner(host, settings, OsFamily.LINUX);
        long started = System.nanoTime();
        List<ProbeResult> answers =
                runner.run(List.of(file("/etc/evil.conf", regex("^(a+)+$")), file("/etc/evil.conf", regex("!"))));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertThat(answers).extracting(ProbeResult::outcome).containsExactly(ProbeOutcome.ERROR, ProbeOutcome.ERROR);
        assertThat(answers.get(0).message()).isEqualTo("time budget spent");
    }

    @Test
    void linksCannotLeadOutOfTheRoot() {
        Fixture host = Fixture.of("none", temp).link("/etc/escape", "/../../../../../../etc/hostname");
        assertThat(answer(host, file("/etc/escape")).outcome()).isEqualTo(ProbeOutcome.NOT_FOUND);
    }

    @Test
    void localSettingsAreCheckedNotGuessed() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ProbeSettings.from(Map.of("probes.commands", "maybe")))
                .hasMessageContaining("probes.commands must be true or false");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> ProbeSettings.from(Map.of("probes.commandTimeoutSeconds", "0")))
                .hasMessageContaining("between 1 and 600");
        assertThat(ProbeSettings.from(Map.of("probes.commandTimeoutSeconds", "5"))
                        .commandTimeoutCap())
                .isEqualTo(Duration.ofSeconds(5));
    }
}
