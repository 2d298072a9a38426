package io.tenantra.compliance.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Loading built-in content from the classpath: all files, in order, or nothing with every problem. */
class BuiltInContentTest {

    @Test
    void loadsEveryYamlFileBelowTheLocationInPathOrder() {
        BuiltInContent content = new BuiltInContent("classpath*:compliance-fixtures/builtin-ok/**/*.yaml");
        assertThat(content.policies()).extracting(Policy::id).containsExactly("sample-b", "sample-a");
        assertThat(content.policies()).allSatisfy(p -> assertThat(p.origin()).isEqualTo(PolicyOrigin.BUILT_IN));
    }

    @Test
    void invalidContentFailsWithEveryProblemListed() {
        assertThatThrownBy(() -> new BuiltInContent("classpath*:compliance-fixtures/builtin-bad/**/*.yaml"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("(4 problems)")
                .hasMessageContaining(
                        "c.yaml:6 checks[0].severity: must be one of info, low, medium, high, critical, not 'severe'")
                .hasMessageContaining("c.yaml:7 checks[0].rules: must hold at least one rule")
                .hasMessageContaining("policy id 'sample-a' is also used by a.yaml")
                .hasMessageContaining("b.yaml:4 checks[0]: check id 'shared-id' is also used at a.yaml:4 checks[0]")
                .cause()
                .isInstanceOf(ContentException.class);
    }

    @Test
    void theShippedContentIsValid() {
        // Whatever resources/compliance/checks holds must load; a broken file fails here before startup does.
        BuiltInContent content = new BuiltInContent();
        assertThat(content.policies()).allSatisfy(p -> assertThat(p.problems()).isEmpty());
    }
}
