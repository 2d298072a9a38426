package io.tenantra.agent.modules.files;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * SHA-256 results kept between scans of a long-running agent: a file whose size, mtime, ctime
 * and inode are unchanged is not read again. ctime is part of the key because it cannot be set
 * from user space, so resetting mtime after tampering does not hide a change.
 */
final class HashCache {

    record Stamp(long size, long mtimeMillis, long ctimeMillis, long inode) {}

    private record Entry(Stamp stamp, String sha256) {}

    private final Map<String, Entry> entries;

    HashCache(int capacity) {
        this.entries = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized String get(String path, Stamp stamp) {
        Entry entry = entries.get(path);
        return entry != null && entry.stamp().equals(stamp) ? entry.sha256() : null;
    }

    synchronized void put(String path, Stamp stamp, String sha256) {
        entries.put(path, new Entry(stamp, sha256));
    }
}
