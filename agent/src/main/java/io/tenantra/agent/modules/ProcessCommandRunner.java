package io.tenantra.agent.modules;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs real processes with a timeout, an output cap and, on Linux, low CPU and I/O priority.
 *
 * <p>Priority: Java cannot renice a child before it starts, so when {@code nice} and {@code ionice}
 * exist the command is wrapped as {@code nice -n 10 ionice -c3 <command>}. The child therefore runs
 * with 10 more niceness than the agent thread that started it (capped at 19 by the kernel) and in
 * the idle I/O class (honoured by the BFQ scheduler; mq-deadline and none ignore I/O classes).
 *
 * <p>Programs are looked up on a fixed system PATH rather than the caller's, so an agent started
 * from a user shell cannot be steered to a look-alike binary; a program that is not there answers
 * exit 127 without starting anything, like a shell would.
 */
public final class ProcessCommandRunner implements CommandRunner {

    static final List<String> SYSTEM_PATH =
            List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin");

    private static final int MAX_STDERR_BYTES = 64 * 1024;

    private final Duration timeout;
    private final int maxOutputBytes;
    private final List<String> priorityPrefix;

    public ProcessCommandRunner(Duration timeout, int maxOutputBytes, boolean lowPriority) {
        this.timeout = timeout;
        this.maxOutputBytes = maxOutputBytes;
        this.priorityPrefix = lowPriority ? priorityPrefix() : List.of();
    }

    public ProcessCommandRunner(ModuleLimits limits) {
        this(limits.commandTimeout(), limits.maxCommandOutputBytes(), true);
    }

    /** The wrapper actually used, for documentation and tests. */
    public List<String> priorityWrapper() {
        return priorityPrefix;
    }

    private static List<String> priorityPrefix() {
        List<String> prefix = new ArrayList<>();
        locate("nice").ifPresent(nice -> prefix.addAll(List.of(nice, "-n", "10")));
        locate("ionice").ifPresent(ionice -> prefix.addAll(List.of(ionice, "-c3")));
        return List.copyOf(prefix);
    }

    static Optional<String> locate(String program) {
        if (program.contains("/")) {
            return Files.isExecutable(Path.of(program)) ? Optional.of(program) : Optional.empty();
        }
        for (String dir : SYSTEM_PATH) {
            Path candidate = Path.of(dir, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate.toString());
            }
        }
        return Optional.empty();
    }

    @Override
    public CommandResult run(List<String> argv) {
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("empty command");
        }
        Optional<String> program = locate(argv.get(0));
        if (program.isEmpty()) {
            return CommandResult.notFound(argv.get(0));
        }
        List<String> command = new ArrayList<>(priorityPrefix);
        command.add(program.get());
        command.addAll(argv.subList(1, argv.size()));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        // Parsers expect untranslated, uncoloured, unpaged output.
        env.put("LC_ALL", "C");
        env.put("LANG", "C");
        env.put("PATH", String.join(":", SYSTEM_PATH));
        env.put("SYSTEMD_PAGER", "");
        env.put("SYSTEMD_COLORS", "0");
        env.put("PAGER", "cat");
        builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return new CommandResult(CommandResult.NOT_EXECUTABLE, "", String.valueOf(e.getMessage()), false, false);
        }
        CappedReader out = new CappedReader(process.getInputStream(), maxOutputBytes);
        CappedReader err = new CappedReader(process.getErrorStream(), MAX_STDERR_BYTES);
        out.start();
        err.start();
        try {
            boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                kill(process);
                return new CommandResult(-1, out.text(), err.text(), true, out.truncated);
            }
            out.join(2000);
            err.join(2000);
            return new CommandResult(process.exitValue(), out.text(), err.text(), false, out.truncated);
        } catch (InterruptedException e) {
            // The module was cancelled at its deadline: do not leave the child behind.
            kill(process);
            Thread.currentThread().interrupt();
            return new CommandResult(-1, out.text(), err.text(), true, out.truncated);
        }
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** Drains a stream on its own thread, keeping at most {@code cap} bytes. */
    private static final class CappedReader extends Thread {
        private final InputStream in;
        private final int cap;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private volatile boolean truncated;

        CappedReader(InputStream in, int cap) {
            super("tenantra-command-output");
            setDaemon(true);
            this.in = in;
            this.cap = cap;
        }

        @Override
        public void run() {
            byte[] buffer = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    synchronized (kept) {
                        int room = cap - kept.size();
                        if (n > room) {
                            truncated = true;
                        }
                        // Keep reading past the cap so the child never blocks on a full pipe.
                        kept.write(buffer, 0, Math.max(0, Math.min(n, room)));
                    }
                }
            } catch (IOException ignored) {
                // Stream closed because the process was killed: keep what arrived.
            }
        }

        String text() {
            synchronized (kept) {
                return Texts.decode(kept.toByteArray());
            }
        }
    }
}
