package io.tenantra.agent;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.logging.ConsoleHandler;
import java.util.logging.FileHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;

/**
 * Logging for the daemon with java.util.logging (no extra jar on endpoints): one line per event
 * to stdout, and to rotating files {@code logs/agent.N.log} (5 x 5 MB) in the state directory.
 */
final class AgentLog {

    static final Logger LOG = Logger.getLogger("io.tenantra.agent");

    private AgentLog() {}

    static void configure(Path logDir, PrintStream stdout) throws IOException {
        Logger root = Logger.getLogger("");
        for (Handler handler : root.getHandlers()) {
            if (handler instanceof ConsoleHandler) {
                root.removeHandler(handler);
            }
        }
        Files.createDirectories(logDir);
        Formatter format = new LineFormat();
        FileHandler file = new FileHandler(logDir.resolve("agent.%g.log").toString(), 5 * 1024 * 1024, 5, true);
        file.setFormatter(format);
        StreamHandler console = new StreamHandler(stdout, format) {
            @Override
            public synchronized void publish(LogRecord record) {
                super.publish(record);
                flush();
            }
        };
        LOG.setUseParentHandlers(false);
        LOG.addHandler(file);
        LOG.addHandler(console);
        LOG.setLevel(Level.INFO);
    }

    /**
     * Keeps the log open during shutdown. The JDK's own LogManager closes every handler in a
     * shutdown hook of its own, racing the agent's hook that logs the clean stop; this one
     * defers that until {@link #closeAll()} (called at the end of the agent's hook). Installed
     * through {@code java.util.logging.manager} before anything logs.
     */
    public static final class AgentLogManager extends LogManager {
        private static volatile AgentLogManager instance;

        public AgentLogManager() {
            instance = this;
        }

        @Override
        public void reset() {
            // The JDK's shutdown cleaner is a LogManager$Cleaner thread: skip it; the agent's hook closes the log.
            if (!Thread.currentThread().getClass().getName().equals(LogManager.class.getName() + "$Cleaner")) {
                super.reset();
            }
        }

        static void closeAll() {
            if (instance != null) {
                instance.reallyReset();
            }
        }

        private void reallyReset() {
            super.reset();
        }
    }

    static final class LineFormat extends Formatter {
        @Override
        public String format(LogRecord record) {
            String line = Instant.ofEpochMilli(record.getMillis()) + " "
                    + record.getLevel().getName() + " " + formatMessage(record) + System.lineSeparator();
            if (record.getThrown() != null) {
                line += "  " + record.getThrown() + System.lineSeparator();
            }
            return line;
        }
    }
}
