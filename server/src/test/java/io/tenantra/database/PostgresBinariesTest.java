package io.tenantra.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, item 7: the embedded PostgreSQL's programs live in an owner-only directory and are
 * checked against the manifest recorded at extraction before every start.
 */
class PostgresBinariesTest {

    @TempDir
    Path dataDir;

    Path root;
    Path tree;

    @BeforeEach
    void extracted() throws IOException {
        root = dataDir.resolve("postgres-bin");
        tree = root.resolve("PG-0123abcd");
        Files.createDirectories(tree.resolve("bin"));
        Files.writeString(tree.resolve("bin/postgres"), "#!/bin/sh\necho the real postgres\n");
        Files.createSymbolicLink(tree.resolve("bin/postmaster"), Path.of("postgres"));
        Files.writeString(tree.resolve(".exists"), "");
        PostgresBinaries.seal(new PostgresBinaries.Archive(root));
    }

    @Test
    void theDirectoryIsOwnerOnlyAndTheDefaultIsUnderTheDataDirectory() throws IOException {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root)))
                .isEqualTo("rwx------");
        assertThat(Files.readString(root.resolve("PG-0123abcd.sha256")))
                .contains("F ")
                .contains(" bin/postgres")
                .contains("L postgres bin/postmaster");
        DatabaseProperties defaults = new DatabaseProperties(null, null, null, null, 0, null);
        assertThat(defaults.binariesDir(dataDir)).isEqualTo(dataDir.resolve("postgres-bin"));
    }

    @Test
    void untouchedProgramsPassAndTheLibrarysWideningOfTheDirectoryIsTakenBack() throws IOException {
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx-w--w-")); // what the library does
        PostgresBinaries.prepare(root);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root)))
                .isEqualTo("rwx------");
    }

    @Test
    void aReplacedProgramIsRefused() throws IOException {
        Files.writeString(tree.resolve("bin/postgres"), "#!/bin/sh\nevil\n");
        assertThatThrownBy(() -> PostgresBinaries.prepare(root))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("differ from those extracted");
    }

    @Test
    void anAddedFileOrARedirectedLinkIsRefused() throws IOException {
        Files.writeString(tree.resolve("bin/extra"), "planted");
        assertThatThrownBy(() -> PostgresBinaries.prepare(root)).hasMessageContaining("differ");
        Files.delete(tree.resolve("bin/extra"));
        Files.delete(tree.resolve("bin/postmaster"));
        Files.createSymbolicLink(tree.resolve("bin/postmaster"), Path.of("/tmp/evil"));
        assertThatThrownBy(() -> PostgresBinaries.prepare(root)).hasMessageContaining("differ");
    }

    @Test
    void aProgramWritableByOthersIsRefused() throws IOException {
        Files.setPosixFilePermissions(tree.resolve("bin/postgres"), PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThatThrownBy(() -> PostgresBinaries.prepare(root)).hasMessageContaining("writable by other users");
    }

    @Test
    void anExtractionWithoutAManifestIsRemovedToBeExtractedAgain() throws IOException {
        Files.delete(root.resolve("PG-0123abcd.sha256"));
        PostgresBinaries.prepare(root);
        assertThat(tree).doesNotExist();
    }
}
