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
        assertThat(applied.get()).endsWith(", io class idle");
        assertThat(nice(stat.get())).isEqualTo(expected);
        // A child started by the lowered thread inherits its niceness.
        assertThat(Integer.parseInt(ioprio.get())).isEqualTo(expected);
        // The calling (test) thread is untouched.
        assertThat(nice(Files.readString(Path.of("/proc/thread-self/stat")))).isEqualTo(caller);
    }

    /** Field 19 of /proc/.../stat is the nice value; the fields after the command name start at 3. */
    private static int nice(String stat) {
        return Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[19 - 3]);
    }
}
