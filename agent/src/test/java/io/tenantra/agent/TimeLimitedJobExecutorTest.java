package io.tenantra.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.model.ModuleResult;
import io.tenantra.model.ModuleStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimeLimitedJobExecutorTest {

    private final List<String> log = new ArrayList<>();

    @Test
    void unknownModulesAreErrorsSaySoAndTheOthersStillRun() {
        ModuleRunner runner = module -> switch (module) {
            case "system" -> new ModuleResult("system", "1", ModuleStatus.OK, null, null, null, null);
            case "slow" -> {
                Thread.sleep(10_000);
                yield null;
            }
            case "broken" -> throw new IllegalStateException("disk on fire");
            default -> null;
        };
        var results = new TimeLimitedJobExecutor(runner, Clock.systemUTC())
                .execute(List.of("system", "telepathy", "slow", "broken"), Duration.ofMillis(300), log::add);

        assertThat(results).extracting(ModuleResult::module).containsExactly("system", "telepathy", "slow", "broken");
        assertThat(results.get(0).status()).isEqualTo(ModuleStatus.OK);
        assertThat(results.get(1).status()).isEqualTo(ModuleStatus.ERROR);
        assertThat(results.get(1).messages()).containsExactly("unknown module");
        assertThat(results.get(2).status()).isEqualTo(ModuleStatus.ERROR);
        assertThat(results.get(2).execution().timedOut()).isTrue();
        assertThat(results.get(3).messages().get(0)).contains("disk on fire");
        assertThat(log).anyMatch(line -> line.contains("slow timed out"));
    }

    @Test
    void withoutScanningModulesEveryModuleIsUnknown() {
        var results = new TimeLimitedJobExecutor((ModuleRunner) module -> null, Clock.systemUTC())
                .execute(List.of("packages"), Duration.ofSeconds(5), log::add);
        assertThat(results.get(0).status()).isEqualTo(ModuleStatus.ERROR);
        assertThat(results.get(0).messages()).containsExactly("unknown module");
    }
}
