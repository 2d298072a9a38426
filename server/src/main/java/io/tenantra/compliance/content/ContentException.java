package io.tenantra.compliance.content;

import java.util.List;

/** Content that cannot be imported: every problem found, each with file, line and field. */
public class ContentException extends RuntimeException {

    private final List<ContentProblem> problems;

    public ContentException(List<ContentProblem> problems) {
        super(
                problems.isEmpty()
                        ? "invalid content"
                        : problems.get(0).toString()
                                + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : ""));
        this.problems = List.copyOf(problems);
    }

    public List<ContentProblem> problems() {
        return problems;
    }
}
