package io.tenantra.agent.modules;

import com.sun.jna.Library;
import com.sun.jna.Native;
import io.tenantra.model.OsFamily;
import java.util.Locale;

/**
 * Lowers the CPU and I/O priority of the calling thread on Linux.
 *
 * <p>What Java can and cannot do: {@link Thread#setPriority} is ignored by HotSpot on Linux, and
 * the JDK has no API for niceness or I/O classes. On Linux, however, niceness and I/O priority are
 * per thread (each Java thread is a kernel task), so the module threads lower themselves through
 * libc with JNA (already on the class path for OSHI): {@code setpriority(PRIO_PROCESS, 0, 10)} and
 * {@code ioprio_set(IOPRIO_WHO_PROCESS, 0, IOPRIO_CLASS_IDLE)}, where {@code 0} means the calling
 * thread. Threads and child processes it creates inherit both. The JVM's own threads (GC, JIT)
 * keep normal priority; to lower the whole process, start the agent under {@code nice -n 10 ionice
 * -c3} or with {@code Nice=10} and {@code IOSchedulingClass=idle} in its systemd unit. Lowering is
 * always permitted; only raising needs privileges, so this never fails for lack of rights.
 */
public final class LowPriority {

    private static final int PRIO_PROCESS = 0;
    private static final int IOPRIO_WHO_PROCESS = 1;
    private static final int IOPRIO_CLASS_IDLE = 3;
    private static final int IOPRIO_CLASS_SHIFT = 13;
    public static final int NICENESS = 10;

    private LowPriority() {}

    interface CLib extends Library {
        int setpriority(int which, int who, int prio);

        int getpriority(int which, int who);

        long syscall(long number, int which, int who, int ioprio);
    }

    private static final class Holder {
        static final CLib LIBC = load();

        private static CLib load() {
            try {
                return Native.load("c", CLib.class);
            } catch (Throwable e) {
                return null;
            }
        }
    }

    /** Applies what it can to the calling thread and says what that was. */
    public static String lowerCurrentThread(OsFamily os) {
        if (os != OsFamily.LINUX || OsFamily.current() != OsFamily.LINUX) {
            return "unchanged (not Linux)";
        }
        CLib libc = Holder.LIBC;
        if (libc == null) {
            return "unchanged (libc not reachable through JNA)";
        }
        StringBuilder applied = new StringBuilder();
        try {
            // Never raise: an agent started under a higher niceness keeps it (root could raise it).
            int current = libc.getpriority(PRIO_PROCESS, 0);
            if (current >= NICENESS) {
                applied.append("nice unchanged (already ").append(current).append(')');
            } else {
                applied.append(
                        libc.setpriority(PRIO_PROCESS, 0, NICENESS) == 0 ? "nice " + NICENESS : "nice unchanged");
            }
        } catch (Throwable e) {
            applied.append("nice unchanged");
        }
        long number = ioprioSetSyscall();
        if (number < 0) {
            applied.append(", io priority unchanged (unknown architecture)");
        } else {
            try {
                long rc = libc.syscall(number, IOPRIO_WHO_PROCESS, 0, IOPRIO_CLASS_IDLE << IOPRIO_CLASS_SHIFT);
                applied.append(rc == 0 ? ", io class idle" : ", io priority unchanged");
            } catch (Throwable e) {
                applied.append(", io priority unchanged");
            }
        }
        return applied.toString();
    }

    /** The ioprio_set system call number of this architecture, -1 when unknown. */
    static long ioprioSetSyscall() {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        return switch (arch) {
            case "amd64", "x86_64" -> 251;
            case "aarch64", "arm64", "riscv64", "loongarch64" -> 30;
            case "x86", "i386", "i686" -> 289;
            case "ppc64le", "ppc64" -> 273;
            case "s390x" -> 282;
            default -> -1;
        };
    }
}
