package io.tenantra.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProtocolVersionTest {

    @Test
    void parsesAndPrintsMajorDotMinor() {
        assertThat(ProtocolVersion.parse(" 1.7 ")).isEqualTo(new ProtocolVersion(1, 7));
        assertThat(new ProtocolVersion(2, 0)).hasToString("2.0");
    }

    @Test
    void rejectsMalformedVersionsWithTheInputInTheMessage() {
        assertThatThrownBy(() -> ProtocolVersion.parse("1")).hasMessageContaining("'1'");
        assertThatThrownBy(() -> ProtocolVersion.parse("a.b")).hasMessageContaining("'a.b'");
        assertThatThrownBy(() -> ProtocolVersion.parse(null)).hasMessageContaining("missing");
        assertThatThrownBy(() -> new ProtocolVersion(-1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyTheMajorVersionDecidesCompatibility() {
        assertThat(ProtocolVersion.parse("1.0").isCompatibleWith(ProtocolVersion.parse("1.9")))
                .isTrue();
        assertThat(ProtocolVersion.parse("1.0").isCompatibleWith(ProtocolVersion.parse("2.0")))
                .isFalse();
        assertThat(ProtocolVersion.parse("1.2")).isLessThan(ProtocolVersion.parse("1.10"));
    }
}
