package io.tenantra.agent.modules;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.model.ModuleResult;
import io.tenantra.model.ModuleStatus;
import io.tenantra.model.OsFamily;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModuleRunnerTest {

    @TempDir
    Path temp;

    private static ScanModule module(Duration limit, long maxBytes, Set<OsFamily> os, ThrowingBody body) {
        return new ScanModule() {
            public String name() {
                return "test";
            }

            public String version() {
                return "1";
            }

            public String description() {
                return "test module";
            }

            public Set<OsFamily> supportedOs() {
                return os;
            }

            public Duration timeLimit() {
                return limit;
            }

            public long maxOutputBytes() {
                return maxBytes;
            }

            public ModuleResult collect(ModuleContext ctx) throws Exception {
                body.run(ctx);
                return ctx.result().build(this);
            }
        };
    }

    interface ThrowingBody {
        void run(ModuleContext ctx) throws Exception;
    }

    private ModuleResult run(ScanModule module) {
        return Fixture.of("none", temp).run(module);
    }

    @Test
    void aModuleThatThrowsBecomesAnErrorResultWithTheReasonAndTheScanGoesOn() {
        ModuleResult result = run(module(Duration.ofSeconds(5), 1 << 20, Set.of(OsFamily.LINUX), ctx -> {
            throw new IllegalStateException("boom");
        }));
        assertThat(result.status()).isEqualTo(ModuleStatus.ERROR);
        assertThat(result.messages()).containsExactly("module failed: IllegalStateException: boom");
        assertThat(result.execution().timedOut()).isFalse();
    }

    @Test
    void aModulePastItsDeadlineIsCancelledAndKeepsWhatItHadAsPartial() {
        ModuleResult result = run(module(Duration.ofMillis(300), 1 << 20, Set.of(OsFamily.LINUX), ctx -> {
            ctx.result().item("thing", "a", Attrs.of());
            while (true) {
                ctx.checkCancelled();
                Thread.sleep(10);
            }
        }));
        assertThat(result.status()).isEqualTo(ModuleStatus.PARTIAL);
        assertThat(result.execution().timedOut()).isTrue();
        assertThat(result.items()).hasSize(1);
        assertThat(result.messages()).anyMatch(m -> m.startsWith("timed out after"));
    }

    @Test
    void aModuleThatIgnoresCancellationStillReturnsAtTheDeadlineAndItsLateOutputIsDropped() {
        ModuleResult result = run(module(Duration.ofMillis(200), 1 << 20, Set.of(OsFamily.LINUX), ctx -> {
            long end = System.nanoTime() + Duration.ofSeconds(1).toNanos();
            while (System.nanoTime() < end) {
                // busy, ignores interrupts
            }
            ctx.result().item("late", "x", Attrs.of());
        }));
        assertThat(result.status()).isEqualTo(ModuleStatus.ERROR);
        assertThat(result.execution().timedOut()).isTrue();
        assertThat(result.items()).isEmpty();
    }

    @Test
    void outputBeyondTheCapIsCutDeterministicallyInSortedOrder() {
        Function<Integer, ModuleResult> scan =
                n -> run(module(Duration.ofSeconds(5), 2_000, Set.of(OsFamily.LINUX), ctx -> {
                    for (int i = n; i > 0; i--) { // added in reverse to prove order does not matter
                        ctx.result()
                                .item(
                                        "thing",
                                        String.format("%03d", i),
                                        Attrs.of().put("padding", "x".repeat(40)));
                    }
                }));
        ModuleResult first = scan.apply(100);
        ModuleResult second = scan.apply(100);
        assertThat(first.status()).isEqualTo(ModuleStatus.PARTIAL);
        assertThat(first.execution().truncated()).isTrue();
        assertThat(first.execution().skipped()).anyMatch(s -> s.startsWith("output capped at 2000 bytes"));
        assertThat(first.items()).isNotEmpty().hasSizeLessThan(100);
        assertThat(first.items().get(0).key()).isEqualTo("001");
        assertThat(first.withoutExecution()).isEqualTo(second.withoutExecution());
    }

    @Test
    void aModuleForAnotherOsIsNotApplicable() {
        ModuleResult result = run(module(Duration.ofSeconds(5), 1 << 20, Set.of(OsFamily.WINDOWS), ctx -> {
            throw new AssertionError("must not run");
        }));
        assertThat(result.status()).isEqualTo(ModuleStatus.NOT_APPLICABLE);
        assertThat(result.messages()).containsExactly("module test does not support linux");
    }

    @Test
    void executionCarriesStartAndDurationAndStaysOutOfTheComparedPart() {
        ModuleResult result = run(module(
                Duration.ofSeconds(5),
                1 << 20,
                Set.of(OsFamily.LINUX),
                ctx -> ctx.result().skip("nothing")));
        assertThat(result.execution().startedAt()).isEqualTo(Fixture.NOW);
        assertThat(result.execution().skipped()).containsExactly("nothing");
        assertThat(result.withoutExecution().execution()).isNull();
    }
}
