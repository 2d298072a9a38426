package io.tenantra.database;

import io.tenantra.platform.OwnerOnlyFiles;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL server the application starts itself when no external database is configured.
 * Its cluster lives in {@code <data dir>/postgres} and survives restarts; its programs in an
 * owner-only directory checked before every start ({@link PostgresBinaries}). It stops only when
 * the application context closes it, after every pool and buffered writer that needs it: the
 * library's own JVM shutdown hook, which would stop it in parallel with the context's shutdown
 * and lose the last buffered writes, is not registered. A lock file makes a
 * second server on the same data directory fail at once with a message that says so, rather than
 * with PostgreSQL's less obvious complaint about {@code postmaster.pid}.
 */
final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    private static final Object BINARIES_LOCK = new Object();

    private final EmbeddedPostgres postgres;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, FileChannel lockChannel, FileLock lock) {
        this.postgres = postgres;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    static EmbeddedPostgresServer start(Path dataDir, Path binariesDir) {
        Path absolute = dataDir.toAbsolutePath().normalize();
        FileChannel channel = null;
        try {
            OwnerOnlyFiles.requireSafeDirectory(absolute);
            channel = FileChannel.open(
                    absolute.resolve("tenantra.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                throw new DataDirectoryInUseException(absolute);
            }
            Path cluster = absolute.resolve("postgres");
            boolean fresh = !Files.exists(cluster.resolve("PG_VERSION"));
            log.info("{} embedded PostgreSQL in {}", fresh ? "Initialising a new" : "Starting the existing", cluster);
            EmbeddedPostgres postgres = startVerified(
                    binariesDir,
                    EmbeddedPostgres.builder()
                            .setDataDirectory(cluster)
                            .setRegisterShutdownHook(false)
                            .setCleanDataDirectory(false)
                            .setPGStartupWait(Duration.ofSeconds(60))
                            // The library starts PostgreSQL with -F (fsync off) and synchronous_commit=off,
                            // made for throwaway test databases; this one holds real data, so a commit must
                            // reach the disk. A -c option given after -F wins, so fsync is switched back on.
                            .setServerConfig("fsync", "on")
                            .setServerConfig("synchronous_commit", "on")
                            .setServerConfig("max_connections", "200")
                            .setServerConfig("shared_buffers", "128MB")
                            .setServerConfig("listen_addresses", "127.0.0.1"));
            log.info("Embedded PostgreSQL is listening on 127.0.0.1:{}", postgres.getPort());
            return new EmbeddedPostgresServer(postgres, channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + absolute, e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /**
     * Checks the programs, starts PostgreSQL from them and records a fresh extraction, all under a
     * lock on the binaries directory: several servers (or test contexts) may share one, and none
     * may remove or record a tree while another is extracting it.
     */
    private static EmbeddedPostgres startVerified(Path binariesDir, EmbeddedPostgres.Builder builder)
            throws IOException {
        synchronized (BINARIES_LOCK) {
            Path root = OwnerOnlyFiles.ownerOnlyDirectory(binariesDir);
            try (FileChannel binLock = FileChannel.open(
                            root.resolve("tenantra-binaries.lock"),
                            StandardOpenOption.CREATE,
                            StandardOpenOption.WRITE);
                    FileLock ignored = binLock.lock()) {
                PostgresBinaries.Archive archive = PostgresBinaries.prepare(root);
                EmbeddedPostgres postgres = builder.setOverrideWorkingDirectory(root.toFile())
                        .setPgBinaryResolver(archive)
                        .start();
                try {
                    PostgresBinaries.seal(archive);
                } catch (RuntimeException e) {
                    postgres.close();
                    throw e;
                }
                return postgres;
            }
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // held by this very JVM, e.g. a second application context
        }
    }

    int port() {
        return postgres.getPort();
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + database;
    }

    @Override
    public void close() {
        log.info("Stopping the embedded PostgreSQL");
        try {
            postgres.close();
        } catch (IOException e) {
            log.warn("The embedded PostgreSQL did not stop cleanly", e);
        } finally {
            try {
                lock.release();
            } catch (IOException e) {
                log.debug("Lock release failed", e);
            }
            closeQuietly(lockChannel);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing more to release
            }
        }
    }

    /** The data directory is locked by another running server. */
    static final class DataDirectoryInUseException extends IllegalStateException {
        DataDirectoryInUseException(Path dir) {
            super("The data directory " + dir + " is in use by another running Tenantra server. "
                    + "Stop that server, or point TENANTRA_DATA_DIR at another directory.");
        }
    }
}
