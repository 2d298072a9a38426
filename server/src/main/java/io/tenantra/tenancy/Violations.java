package io.tenantra.tenancy;

import java.util.ArrayList;
import java.util.List;

/**
 * The rule violations found in one request, collected so the caller hears about all of them at
 * once. Plain Java: the policies that fill it know nothing about HTTP.
 */
final class Violations {

    record Violation(String field, String message) {}

    private final List<Violation> violations = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    void add(String field, String message) {
        violations.add(new Violation(field, message));
    }

    /** A sentence for the overall detail, for problems worth naming there (unknown keys). */
    void note(String sentence) {
        notes.add(sentence);
    }

    boolean isEmpty() {
        return violations.isEmpty();
    }

    List<Violation> list() {
        return List.copyOf(violations);
    }

    String detail() {
        StringBuilder detail = new StringBuilder("The request has invalid fields.");
        notes.forEach(note -> detail.append(' ').append(note));
        return detail.toString();
    }
}
