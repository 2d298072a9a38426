package io.tenantra.agent.modules;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of files, streamed through one reusable buffer so hashing never loads a file whole. */
public final class Sha256 {

    private final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    private final MessageDigest digest;

    public Sha256() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /**
     * Hashes a regular file without following a final symbolic link (so a link swapped in after
     * the walk looked at the entry is not followed out of the tree).
     */
    public String file(Path path) throws IOException {
        return file(path, false);
    }

    /** Hashes {@code path}, following a final link only when asked (for /proc/pid/exe). */
    public String file(Path path, boolean followLinks) throws IOException {
        digest.reset();
        try (SeekableByteChannel channel = followLinks
                ? Files.newByteChannel(path, StandardOpenOption.READ)
                : Files.newByteChannel(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            buffer.clear();
            while (channel.read(buffer) >= 0) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new java.io.InterruptedIOException("cancelled while hashing " + path);
                }
                buffer.flip();
                digest.update(buffer);
                buffer.clear();
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    public static String of(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
