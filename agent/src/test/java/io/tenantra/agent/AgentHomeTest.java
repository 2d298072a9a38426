package io.tenantra.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentHomeTest {

    @TempDir
    Path dir;

    @Test
    void thePrivateKeyIsOwnerOnlyAndStateSurvivesAReload() throws Exception {
        AgentHome home = new AgentHome(dir.resolve("state"));
        home.writePrivateKey(new byte[] {1, 2, 3});
        var enrollment = new AgentHome.Enrollment(UUID.randomUUID(), UUID.randomUUID(), "http://server", "web-01");
        home.saveEnrollment(enrollment);

        if (home.posix()) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.keyFile())))
                    .isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.dir())))
                    .isEqualTo("rwx------");
        }
        assertThat(new AgentHome(dir.resolve("state")).enrollment()).contains(enrollment);
        try (var files = Files.list(home.dir())) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void theSpoolKeepsResultsUntilRemoved() throws Exception {
        ResultSpool spool = new ResultSpool(dir.resolve("spool"));
        assertThat(spool.pending()).isEmpty();
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        spool.put(first, "{\"a\":1}".getBytes());
        Thread.sleep(20);
        spool.put(second, "{\"b\":2}".getBytes());
        assertThat(new ResultSpool(dir.resolve("spool")).pending()).containsExactly(first, second);
        assertThat(new String(spool.read(first))).isEqualTo("{\"a\":1}");
        spool.remove(first);
        assertThat(spool.pending()).containsExactly(second);
    }
}
