package io.tenantra.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

/**
 * The agent's state directory: {@code $TENANTRA_AGENT_HOME}, by default {@code ~/.tenantra-agent}.
 * Holds {@code agent.properties} (id, tenant, server), the key pair ({@code agent.key}, mode
 * 0600, and {@code agent.pub}), the cached config, the result spool and the logs. Every file is
 * written to a temporary name and moved into place, so a crash never leaves half a file.
 */
final class AgentHome {

    static final String ENV = "TENANTRA_AGENT_HOME";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");

    private final Path dir;

    AgentHome(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    /** From the environment, or the default under the user's home directory. */
    static AgentHome fromEnvironment() {
        String configured = System.getenv(ENV);
        return new AgentHome(
                configured == null || configured.isBlank()
                        ? Path.of(System.getProperty("user.home"), ".tenantra-agent")
                        : Path.of(configured));
    }

    Path dir() {
        return dir;
    }

    Path keyFile() {
        return dir.resolve("agent.key");
    }

    Path publicKeyFile() {
        return dir.resolve("agent.pub");
    }

    Path spoolDir() {
        return dir.resolve("spool");
    }

    Path logDir() {
        return dir.resolve("logs");
    }

    /** What enrollment established. */
    record Enrollment(UUID agentId, UUID tenantId, String serverUrl, String name) {}

    Optional<Enrollment> enrollment() throws IOException {
        Path file = dir.resolve("agent.properties");
        if (!Files.exists(file) || !Files.exists(keyFile())) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        }
        try {
            return Optional.of(new Enrollment(
                    UUID.fromString(p.getProperty("agentId")),
                    UUID.fromString(p.getProperty("tenantId")),
                    p.getProperty("serverUrl"),
                    p.getProperty("name", "")));
        } catch (RuntimeException e) {
            throw new IOException("The state file " + file + " is damaged; enroll again with --force.", e);
        }
    }

    void saveEnrollment(Enrollment enrollment) throws IOException {
        Properties p = new Properties();
        p.setProperty("agentId", enrollment.agentId().toString());
        p.setProperty("tenantId", enrollment.tenantId().toString());
        p.setProperty("serverUrl", enrollment.serverUrl());
        p.setProperty("name", enrollment.name());
        write("agent.properties", out -> p.store(out, "Tenantra agent enrollment; do not edit"), false);
    }

    /** Creates the directory (owner-only where the file system knows POSIX modes). */
    void create() throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            if (posix()) {
                Files.setPosixFilePermissions(dir, OWNER_DIR);
            }
        }
    }

    void writePrivateKey(byte[] pkcs8) throws IOException {
        write("agent.key", out -> out.write(pkcs8), true);
    }

    void writeText(String name, String text) throws IOException {
        write(name, out -> out.write(text.getBytes(StandardCharsets.UTF_8)), false);
    }

    Optional<String> readText(String name) throws IOException {
        Path file = dir.resolve(name);
        return Files.exists(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8)) : Optional.empty();
    }

    interface Writer {
        void write(OutputStream out) throws IOException;
    }

    private void write(String name, Writer writer, boolean secret) throws IOException {
        create();
        Path target = dir.resolve(name);
        Path temporary = dir.resolve(name + "." + UUID.randomUUID() + ".tmp");
        try {
            if (secret && posix()) {
                // Created 0600 from the start: the key is never readable by others, not even briefly.
                Files.createFile(temporary, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            }
            try (OutputStream out = Files.newOutputStream(temporary)) {
                writer.write(out);
            }
            move(temporary, target);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("could not create " + temporary, e);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    boolean posix() {
        return dir.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
