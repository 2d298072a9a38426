package io.tenantra.agent.modules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link CommandRunner} that answers from recorded output: each command line (argv joined by
 * single spaces) maps to a result; anything not recorded answers 127 "command not found", as a
 * host without the tool would.
 */
public final class RecordedCommands implements CommandRunner {

    private final Map<String, CommandResult> recorded = new HashMap<>();
    private final List<String> invoked = new ArrayList<>();

    public RecordedCommands record(String commandLine, CommandResult result) {
        recorded.put(commandLine, result);
        return this;
    }

    /** Records stdout read from a fixture file, exit 0. */
    public RecordedCommands recordFile(String commandLine, Path stdout) {
        try {
            return record(commandLine, CommandResult.ok(Files.readString(stdout, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public RecordedCommands fail(String commandLine, int exitCode, String stderr) {
        return record(commandLine, new CommandResult(exitCode, "", stderr, false, false));
    }

    @Override
    public synchronized CommandResult run(List<String> argv) {
        String line = String.join(" ", argv);
        invoked.add(line);
        CommandResult result = recorded.get(line);
        return result != null ? result : CommandResult.notFound(argv.get(0));
    }

    public synchronized List<String> invoked() {
        return List.copyOf(invoked);
    }
}
