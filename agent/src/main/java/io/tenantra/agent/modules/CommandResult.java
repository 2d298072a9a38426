package io.tenantra.agent.modules;

/**
 * What an external command produced. Exit codes follow the shell's convention so that recorded
 * and real runners agree: 127 means the command does not exist, 126 that it could not be run
 * (permission denied), -1 that it was killed at its timeout.
 */
public record CommandResult(int exitCode, String stdout, String stderr, boolean timedOut, boolean truncated) {

    public static final int NOT_FOUND = 127;
    public static final int NOT_EXECUTABLE = 126;

    public CommandResult {
        stdout = stdout == null ? "" : stdout;
        stderr = stderr == null ? "" : stderr;
    }

    public static CommandResult ok(String stdout) {
        return new CommandResult(0, stdout, "", false, false);
    }

    public static CommandResult notFound(String command) {
        return new CommandResult(NOT_FOUND, "", command + ": command not found", false, false);
    }

    public boolean succeeded() {
        return exitCode == 0 && !timedOut;
    }

    public boolean notFound() {
        return exitCode == NOT_FOUND;
    }

    /** A short reason for a failed run, for messages. */
    public String failure() {
        if (timedOut) {
            return "timed out";
        }
        String first = stderr.strip().lines().findFirst().orElse("");
        return "exit " + exitCode + (first.isEmpty() ? "" : ": " + Texts.truncate(first, 200));
    }
}
