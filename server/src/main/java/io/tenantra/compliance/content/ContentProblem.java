package io.tenantra.compliance.content;

/**
 * One thing wrong with imported content. {@link Kind#ERROR} rejects the whole file (nothing of
 * it is stored); {@link Kind#UNSUPPORTED} marks one check unsupported (kept, shown, never
 * evaluated as pass or fail).
 */
public record ContentProblem(Kind kind, SourceLocation location, String message) {

    public enum Kind {
        ERROR,
        UNSUPPORTED
    }

    @Override
    public String toString() {
        return location + ": " + message;
    }
}
