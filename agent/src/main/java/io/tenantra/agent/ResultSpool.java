package io.tenantra.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Finished results waiting for upload, one file per job ({@code <jobId>.json}), written before
 * the first upload attempt and deleted only once the server has answered for good. A restart, a
 * crash or an unreachable server therefore loses no finished result: the daemon uploads what is
 * here on start and after every job.
 */
final class ResultSpool {

    private final Path dir;

    ResultSpool(Path dir) {
        this.dir = dir;
    }

    void put(UUID jobId, byte[] json) throws IOException {
        Files.createDirectories(dir);
        Path temporary = dir.resolve(jobId + ".json." + UUID.randomUUID() + ".tmp");
        try {
            Files.write(temporary, json);
            AgentHome.move(temporary, dir.resolve(jobId + ".json"));
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Spooled job ids, oldest first. */
    List<UUID> pending() throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> files = new ArrayList<>();
        try (Stream<Path> listing = Files.list(dir)) {
            listing.filter(p -> p.getFileName().toString().endsWith(".json")).forEach(files::add);
        }
        files.sort((a, b) -> {
            try {
                return Files.getLastModifiedTime(a).compareTo(Files.getLastModifiedTime(b));
            } catch (IOException e) {
                return 0;
            }
        });
        List<UUID> ids = new ArrayList<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            try {
                ids.add(UUID.fromString(name.substring(0, name.length() - ".json".length())));
            } catch (IllegalArgumentException e) {
                // not ours: leave it alone
            }
        }
        return ids;
    }

    byte[] read(UUID jobId) throws IOException {
        return Files.readAllBytes(dir.resolve(jobId + ".json"));
    }

    void remove(UUID jobId) throws IOException {
        Files.deleteIfExists(dir.resolve(jobId + ".json"));
    }

    int size() {
        try {
            return pending().size();
        } catch (IOException e) {
            return -1;
        }
    }
}
