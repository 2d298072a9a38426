package io.tenantra.agent.modules;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostFilesTest {

    @TempDir
    Path temp;

    @Test
    void anAbsoluteLinkInsideTheRootResolvesInsideTheRootNotOnTheMachineRunningTheTest() throws Exception {
        Fixture f =
                Fixture.of("none", temp).write("/etc/real-passwd", "fixture\n").link("/etc/passwd", "/etc/real-passwd");
        HostFiles files = new HostFiles(f.root(), 1024);
        assertThat(files.read("/etc/passwd").text()).isEqualTo("fixture\n");
        assertThat(files.resolve("/etc/passwd")).isEqualTo(f.path("/etc/real-passwd"));
    }

    @Test
    void dotDotCannotClimbAboveTheRoot() throws Exception {
        Fixture f = Fixture.of("none", temp).write("/secret", "inside\n").link("/etc/escape", "../../../../secret");
        HostFiles files = new HostFiles(f.root(), 1024);
        assertThat(files.read("/etc/escape").text()).isEqualTo("inside\n");
    }

    @Test
    void aSymlinkLoopIsReportedAsALoop() {
        Fixture f = Fixture.of("none", temp).link("/etc/a", "/etc/b").link("/etc/b", "a");
        TextFile read = new HostFiles(f.root(), 1024).read("/etc/a");
        assertThat(read.problem()).isEqualTo(TextFile.Problem.LOOP);
    }

    @Test
    void aFileBeyondTheCapIsCutAndSaysSo() {
        Fixture f = Fixture.of("none", temp).write("/big", "x".repeat(5000));
        TextFile read = new HostFiles(f.root(), 1000).read("/big");
        assertThat(read.truncated()).isTrue();
        assertThat(read.text()).hasSize(1000);
        TextFile streamed = new HostFiles(f.root(), 1000).forEachLine("/big", 1000, line -> {});
        assertThat(streamed.truncated()).isTrue();
    }

    @Test
    void invalidUtf8IsReplacedNotFatal() {
        Fixture f = Fixture.of("none", temp).write("/latin1", new byte[] {'c', 'a', 'f', (byte) 0xe9, '\n'});
        assertThat(new HostFiles(f.root(), 1000).read("/latin1").text()).isEqualTo("caf\uFFFD\n");
    }

    @Test
    void aFifoIsNeverOpened() throws Exception {
        Fixture f = Fixture.of("none", temp);
        Files.createDirectories(f.path("/etc"));
        Process mkfifo = new ProcessBuilder("mkfifo", f.path("/etc/pipe").toString()).start();
        assertThat(mkfifo.waitFor()).isZero();
        assertThat(new HostFiles(f.root(), 1000).read("/etc/pipe").problem()).isEqualTo(TextFile.Problem.NOT_REGULAR);
    }

    @Test
    void deniedAndMissingAreTold() {
        Fixture f = Fixture.of("none", temp).write("/etc/shadow", "x");
        HostFiles files = new DenyingHostFiles(f.root(), 1000, java.util.Set.of("/etc/shadow"));
        assertThat(files.read("/etc/shadow").problem()).isEqualTo(TextFile.Problem.DENIED);
        assertThat(files.read("/etc/nothing").problem()).isEqualTo(TextFile.Problem.MISSING);
    }
}
