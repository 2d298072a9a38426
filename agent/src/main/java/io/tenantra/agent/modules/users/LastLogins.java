package io.tenantra.agent.modules.users;

import io.tenantra.agent.modules.FileMeta;
import io.tenantra.agent.modules.HostFiles;
import io.tenantra.agent.modules.ResultBuilder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Last login per account from the binary records the login programs write, parsed directly (no
 * {@code lastlog}/{@code last} process): {@code /var/log/lastlog} (one 292-byte record per uid,
 * at offset uid × 292, sparse) and the tail of {@code /var/log/wtmp} (384-byte utmp records,
 * USER_PROCESS entries). Layouts are those of glibc on 64-bit Linux, little-endian (x86-64,
 * aarch64). Distributions that moved to lastlog2 (SQLite, Debian 13+) or wtmpdb are not read;
 * the module says so when the classic files are absent.
 */
final class LastLogins {

    static final int LASTLOG_RECORD = 292;
    static final int UTMP_RECORD = 384;
    static final int USER_PROCESS = 7;
    /** The newest logins are at the end of wtmp; the tail is enough and bounds the cost. */
    static final long WTMP_TAIL_BYTES = 8L * 1024 * 1024;

    record Login(Instant time, String from) {}

    private final HostFiles files;
    private final Map<String, Login> wtmp = new HashMap<>();
    private boolean lastlogReadable;

    LastLogins(HostFiles files) {
        this.files = files;
    }

    void load(ResultBuilder out) {
        Optional<FileMeta> lastlog = files.stat("/var/log/lastlog");
        lastlogReadable = lastlog.isPresent() && lastlog.get().isFile();
        Optional<FileMeta> meta = files.stat("/var/log/wtmp");
        if (meta.isPresent() && meta.get().isFile() && meta.get().size() > 0) {
            long size = meta.get().size() - meta.get().size() % UTMP_RECORD;
            long offset = Math.max(0, size - WTMP_TAIL_BYTES);
            offset -= offset % UTMP_RECORD;
            try {
                byte[] bytes = files.readBytes("/var/log/wtmp", offset, (int) (size - offset));
                parseWtmp(bytes);
            } catch (IOException e) {
                out.partial(
                        "cannot read /var/log/wtmp: " + HostFiles.classify(e).label() + "; last logins may be missing");
            }
            if (offset > 0) {
                out.skip("read only the last " + WTMP_TAIL_BYTES + " bytes of /var/log/wtmp");
            }
        }
        if (!lastlogReadable && meta.isEmpty()) {
            out.message("no /var/log/lastlog or /var/log/wtmp: last logins unknown (lastlog2/wtmpdb are not read)");
        }
    }

    void parseWtmp(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int base = 0; base + UTMP_RECORD <= bytes.length; base += UTMP_RECORD) {
            short type = buffer.getShort(base);
            if (type != USER_PROCESS) {
                continue;
            }
            String user = cString(bytes, base + 44, 32);
            String host = cString(bytes, base + 76, 256);
            long seconds = Integer.toUnsignedLong(buffer.getInt(base + 340));
            if (user.isEmpty() || seconds == 0) {
                continue;
            }
            Login login = new Login(Instant.ofEpochSecond(seconds), host.isEmpty() ? null : host);
            wtmp.merge(user, login, (a, b) -> b.time().isAfter(a.time()) ? b : a);
        }
    }

    /** The most recent login of an account from either source. */
    Optional<Login> of(String user, long uid) {
        Login best = wtmp.get(user);
        if (lastlogReadable && uid >= 0) {
            try {
                byte[] record = files.readBytes("/var/log/lastlog", uid * LASTLOG_RECORD, LASTLOG_RECORD);
                if (record.length == LASTLOG_RECORD) {
                    long seconds = Integer.toUnsignedLong(ByteBuffer.wrap(record)
                            .order(ByteOrder.LITTLE_ENDIAN)
                            .getInt(0));
                    if (seconds > 0) {
                        String host = cString(record, 36, 256);
                        Login login = new Login(Instant.ofEpochSecond(seconds), host.isEmpty() ? null : host);
                        if (best == null || login.time().isAfter(best.time())) {
                            best = login;
                        }
                    }
                }
            } catch (IOException e) {
                lastlogReadable = false;
            }
        }
        return Optional.ofNullable(best);
    }

    /** A NUL-terminated field; junk bytes are decoded leniently. */
    static String cString(byte[] bytes, int offset, int length) {
        int end = offset;
        while (end < offset + length && end < bytes.length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, offset, end - offset, StandardCharsets.UTF_8).strip();
    }
}
