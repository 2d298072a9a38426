package io.tenantra.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** {@code @humanTime}: relative text for people, the exact second for the hover title. */
class HumanTimeTest {

    private static final Instant NOW = Instant.parse("2026-12-03T14:05:09.123456Z");
    private final HumanTime time = new HumanTime(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void exactIsToTheSecondInUtcWithoutMicroseconds() {
        assertThat(time.exact(NOW)).isEqualTo("2026-12-03 14:05:09 UTC");
        assertThat(time.exact(null)).isEmpty();
    }

    @Test
    void agoSaysHowLongAgoInTheLargestWholeUnit() {
        assertThat(time.ago(NOW.minusSeconds(20))).isEqualTo("just now");
        assertThat(time.ago(NOW.minus(Duration.ofMinutes(3)).minusSeconds(10))).isEqualTo("3 min ago");
        assertThat(time.ago(NOW.minus(Duration.ofHours(5)))).isEqualTo("5 h ago");
        assertThat(time.ago(NOW.minus(Duration.ofDays(1)))).isEqualTo("1 day ago");
        assertThat(time.ago(NOW.minus(Duration.ofDays(12)))).isEqualTo("12 days ago");
        assertThat(time.ago(null)).isEmpty();
    }

    @Test
    void beyondAMonthTheDateSaysMore() {
        assertThat(time.ago(Instant.parse("2026-09-01T08:00:00Z"))).isEqualTo("2026-09-01");
    }

    @Test
    void futureInstantsReadAhead() {
        assertThat(time.ago(NOW.plus(Duration.ofMinutes(10)))).isEqualTo("in 10 min");
        assertThat(time.ago(NOW.plus(Duration.ofDays(2)))).isEqualTo("in 2 days");
        assertThat(time.ago(NOW.plusSeconds(5))).isEqualTo("in under a minute");
    }
}
