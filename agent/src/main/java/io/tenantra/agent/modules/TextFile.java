package io.tenantra.agent.modules;

import java.util.List;

/**
 * The outcome of reading one text file: its content (invalid UTF-8 replaced), whether it was cut
 * at the size cap, or why it could not be read.
 */
public record TextFile(String path, String text, boolean truncated, Problem problem, String detail) {

    /** Why a file could not be read. */
    public enum Problem {
        MISSING("not found"),
        DENIED("permission denied"),
        NOT_REGULAR("not a regular file"),
        LOOP("symbolic link loop"),
        IO("read error");

        private final String label;

        Problem(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public static TextFile failed(String path, Problem problem, String detail) {
        return new TextFile(path, "", false, problem, detail);
    }

    public boolean ok() {
        return problem == null;
    }

    public boolean missing() {
        return problem == Problem.MISSING;
    }

    /** Unreadable for a reason other than absence: the module's view is incomplete. */
    public boolean failedBadly() {
        return problem != null && problem != Problem.MISSING;
    }

    public List<String> lines() {
        return Texts.lines(text);
    }

    public String describeProblem() {
        return path + ": " + (problem == null ? "ok" : problem.label());
    }
}
