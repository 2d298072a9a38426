package io.tenantra.agent.modules;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.model.OsFamily;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

@EnabledOnOs(OS.LINUX)
class LowPriorityTest {

    @Test
    void aModuleThreadLowersItsOwnNicenessAndIoClassOnly() throws Exception {
        int caller = nice(Files.readString(Path.of("/proc/thread-self/stat")));
        int expected = Math.max(caller, LowPriority.NICENESS); // never raised, e.g. when the build itself runs niced
        AtomicReference<String> applied = new AtomicReference<>();
        AtomicReference<String> stat = new AtomicReference<>();
        AtomicReference<String> ioprio = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            applied.set(LowPriority.lowerCurrentThread(OsFamily.LINUX));
            try {
                stat.set(Files.readString(Path.of("/proc/thread-self/stat")));
                ioprio.set(new ProcessCommandRunner(java.time.Duration.ofSeconds(5), 4096, false)
                        .run("nice")
                        .stdout()
                        .strip());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        worker.start();
        worker.join();
        assertThat(applied.get()).isEqualTo("nice 10, io class idle");
        // Field 19 of stat is the nice value; fields after the command name start at 3.
        String[] fields = stat.get().substring(stat.get().lastIndexOf(')') + 2).split(" ");
        assertThat(Integer.parseInt(fields[19 - 3])).isEqualTo(10);
        // A child started by the lowered thread inherits its niceness.
        assertThat(Integer.parseInt(ioprio.get())).isEqualTo(10);
        // The calling (test) thread is untouched.
        String own = Files.readString(Path.of("/proc/thread-self/stat"));
        assertThat(Integer.parseInt(own.substring(own.lastIndexOf(')') + 2).split(" ")[16]))
                .isZero();
    }
}
