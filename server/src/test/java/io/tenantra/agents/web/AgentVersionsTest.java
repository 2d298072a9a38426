package io.tenantra.agents.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Agent versions order as people read them, and "outdated" counts what is older than the newest. */
class AgentVersionsTest {

    @Test
    void numericPartsCompareAsNumbers() {
        assertThat(AgentVersions.compare("1.10.0", "1.9.2")).isPositive();
        assertThat(AgentVersions.compare("1.2", "1.2.0")).isNegative();
        assertThat(AgentVersions.compare("2.0.0", "2.0.0")).isZero();
        assertThat(AgentVersions.compare("1.2.0-rc1", "1.2.0")).isPositive();
    }

    @Test
    void agentsOlderThanTheNewestOrWithoutAVersionAreOutdated() {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("1.9.2", 3L);
        counts.put("1.10.0", 5L);
        counts.put("", 1L);
        assertThat(AgentVersions.newest(counts)).contains("1.10.0");
        assertThat(AgentVersions.outdated(counts, "1.10.0")).isEqualTo(4);
        assertThat(AgentVersions.newest(Map.of("", 2L))).isEmpty();
    }
}
