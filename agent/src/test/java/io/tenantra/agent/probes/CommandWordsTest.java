package io.tenantra.agent.probes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CommandWordsTest {

    @Test
    void splitsLikeAShellWithoutInterpretingAnything() {
        assertThat(CommandWords.split("  sshd   -T ")).containsExactly("sshd", "-T");
        assertThat(CommandWords.split("grep -E '^(a|b) c' /etc/x")).containsExactly("grep", "-E", "^(a|b) c", "/etc/x");
        assertThat(CommandWords.split("echo \"a \\\"q\\\" $HOME\" b\\ c"))
                .containsExactly("echo", "a \"q\" $HOME", "b c");
        assertThat(CommandWords.split("a;b | c")).containsExactly("a;b", "|", "c");
        assertThat(CommandWords.split("x ''")).containsExactly("x", "");
    }

    @Test
    void unclosedQuotesAndEmptyLinesAreErrors() {
        assertThatThrownBy(() -> CommandWords.split("echo 'open")).hasMessageContaining("unclosed single quote");
        assertThatThrownBy(() -> CommandWords.split("   ")).hasMessageContaining("empty command");
    }
}
