package io.tenantra.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenantra.TenantraApplication;
import io.tenantra.platform.OwnerOnlyFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * Issue 14, item 7: the server refuses to start when its data or keys directory is writable by
 * other users, before it runs or reads anything from there.
 */
class TrustedDirectoriesTest {

    private static ThrowableAssert.ThrowingCallable start(Path dataDir) {
        return () -> new SpringApplicationBuilder(TenantraApplication.class)
                .run(
                        "--server.port=0",
                        "--tenantra.data-dir=" + dataDir,
                        "--tenantra.database.binaries-dir=target/postgres-bin",
                        "--tenantra.bootstrap.admin-password=Test-Admin-Password-1")
                .close();
    }

    private static Throwable rootCause(Throwable t) {
        Throwable cause = t;
        while (cause.getCause() != null && !(cause instanceof OwnerOnlyFiles.UnsafeDirectoryException)) {
            cause = cause.getCause();
        }
        return cause;
    }

    @Test
    void aDataDirectoryWritableByOthersIsRefused() throws Exception {
        Path dataDir = Files.createTempDirectory(Path.of("target"), "unsafe-data-");
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThatThrownBy(start(dataDir))
                .satisfies(e -> assertThat(rootCause(e))
                        .isInstanceOf(OwnerOnlyFiles.UnsafeDirectoryException.class)
                        .hasMessageContaining(
                                dataDir.toAbsolutePath().normalize().toString())
                        .hasMessageContaining("chmod o-w"));
        assertThat(dataDir.resolve("postgres")).doesNotExist();
    }

    @Test
    void aKeysDirectoryWritableByOthersIsRefused() throws Exception {
        Path dataDir = Files.createTempDirectory(Path.of("target"), "unsafe-keys-");
        Path keys = Files.createDirectories(dataDir.resolve("keys"));
        Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThatThrownBy(start(dataDir))
                .satisfies(e -> assertThat(rootCause(e))
                        .isInstanceOf(OwnerOnlyFiles.UnsafeDirectoryException.class)
                        .hasMessageContaining(keys.toAbsolutePath().normalize().toString()));
        assertThat(keys.resolve("secrets-aes256.keys")).doesNotExist();
    }

    @Test
    void newDirectoriesAreCreatedOwnerOnly() throws Exception {
        Path parent = Files.createTempDirectory(Path.of("target"), "fresh-");
        Path created = OwnerOnlyFiles.requireSafeDirectory(parent.resolve("data"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(created)))
                .isEqualTo("rwx------");
    }
}
